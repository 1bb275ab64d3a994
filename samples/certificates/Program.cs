using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.Certificates;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new CertificateRegistryContract()], "certificates", "1.0.0"));

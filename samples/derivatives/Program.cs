using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.Derivatives;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new DerivativeContract()], "derivatives", "1.0.0"));

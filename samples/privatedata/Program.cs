using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.PrivateData;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new PrivateSecretsContract(), new GuardedAssetsContract()], "privatedata", "1.0.0"));

using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.Dao;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new DaoContract()], "dao", "1.0.0"));

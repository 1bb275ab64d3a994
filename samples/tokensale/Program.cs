using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.TokenSale;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new TokenSaleContract()], "tokensale", "1.0.0"));

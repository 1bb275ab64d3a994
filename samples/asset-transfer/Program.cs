using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.AssetTransfer;

return await ChaincodeServiceProgram.RunAsync(args, new ContractChaincode([new AssetTransferContract()], "asset-transfer-basic", "1.0.0"));

namespace Fabricish.Chaincode.Shim.Tests;

public sealed record Sum(int Total, string Caller);

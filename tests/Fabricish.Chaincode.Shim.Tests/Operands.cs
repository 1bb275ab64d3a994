namespace Fabricish.Chaincode.Shim.Tests;

public sealed record Operands(int Left, int Right);

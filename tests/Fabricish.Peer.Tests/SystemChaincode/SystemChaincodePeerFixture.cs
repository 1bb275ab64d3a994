namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>One <see cref="SystemChaincodePeer"/> per test class: its CAs and keys are slow to make.</summary>
public sealed class SystemChaincodePeerFixture : IDisposable
{
    public SystemChaincodePeer Peer { get; } = new();

    public void Dispose() => Peer.Dispose();
}

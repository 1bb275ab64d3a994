namespace Fabricish.Peer.Events;

/// <summary>Waits for a transaction's commit on this peer, as the gateway's CommitStatus and the CLI need.</summary>
internal interface ICommitStatusWaiter
{
    /// <summary>The status of the first transaction with <paramref name="txId"/> on the channel: at once if it is
    /// already committed, otherwise when the block holding it is committed.</summary>
    /// <exception cref="ChannelNotJoinedException">The peer has not joined <paramref name="channelId"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    Task<CommitStatus> WaitAsync(string channelId, string txId, CancellationToken cancellationToken);
}

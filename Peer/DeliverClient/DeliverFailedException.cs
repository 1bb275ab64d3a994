namespace Fabricish.Peer.DeliverClient;

/// <summary>A deliver stream that cannot go on with this orderer (bad status, closed stream, refused block): the
/// provider fails over to the next orderer.</summary>
internal sealed class DeliverFailedException : Exception
{
    public DeliverFailedException()
    {
    }

    public DeliverFailedException(string message)
        : base(message)
    {
    }

    public DeliverFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

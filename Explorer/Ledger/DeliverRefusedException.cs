using Fabricish.Protos.Common;

namespace Fabricish.Explorer.Ledger;

/// <summary>A node ended a Deliver stream with a status other than SUCCESS: FORBIDDEN when the identity is no reader
/// of the channel, NOT_FOUND for a channel it has not joined or a block it does not have.</summary>
public sealed class DeliverRefusedException : Exception
{
    public DeliverRefusedException(string channel, Status status)
        : base($"Deliver on channel {channel} answered {status}")
    {
        Channel = channel;
        Status = status;
    }

    public DeliverRefusedException()
    {
        Channel = "";
    }

    public DeliverRefusedException(string message)
        : base(message)
    {
        Channel = "";
    }

    public DeliverRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = "";
    }

    public string Channel { get; }

    public Status Status { get; }
}

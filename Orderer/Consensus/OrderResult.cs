using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Consensus;

/// <summary>What the chain did with a message handed to it: SUCCESS once the ordering service (Kafka) acknowledged it
/// (so it will be in a block), otherwise the status and Info to answer the broadcast client with (SERVICE_UNAVAILABLE
/// while it cannot be reached, as Fabric answers when its chain's enqueue fails).</summary>
public readonly record struct OrderResult(Status Status, string? Info)
{
    public bool IsSuccess => Status == Status.Success;

    public static OrderResult Success { get; } = new(Status.Success, null);

    public static OrderResult Unavailable(string reason) => new(Status.ServiceUnavailable, reason);

    /// <summary>The ordering service refused the message as too large: a client must not retry it (unlike SERVICE_UNAVAILABLE).</summary>
    public static OrderResult TooLarge(string reason) => new(Status.RequestEntityTooLarge, reason);
}

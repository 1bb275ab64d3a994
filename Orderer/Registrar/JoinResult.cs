namespace Fabricish.Orderer.Registrar;

/// <summary>The outcome of joining a channel: the channel joined, or why not.</summary>
internal readonly record struct JoinResult(JoinStatus Status, string? Error, ChannelSupport? Channel)
{
    public static JoinResult Joined(ChannelSupport channel) => new(JoinStatus.Joined, null, channel);

    public static JoinResult Invalid(string error) => new(JoinStatus.Invalid, error, null);
}

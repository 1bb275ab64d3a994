using Fabricish.Protos.Common;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// A broadcast check's verdict: SUCCESS, or the status Fabric answers with (its <c>ClassifyError</c> mapping:
/// FORBIDDEN for permission denied, SERVICE_UNAVAILABLE for maintenance mode, REQUEST_ENTITY_TOO_LARGE for the size
/// filter, BAD_REQUEST for everything else)
/// and an Info text worded as Fabric's error, so clients and operators see the same messages.
/// </summary>
public readonly record struct FilterResult(Status Status, string? Info)
{
    public static FilterResult Ok { get; } = new(Status.Success, null);

    public bool IsOk => Status == Status.Success;

    public static FilterResult BadRequest(string info) => new(Status.BadRequest, info);

    public static FilterResult Forbidden(string info) => new(Status.Forbidden, info);

    /// <summary>Prefixes the Info as Go's <c>errors.WithMessage</c> does, keeping the status.</summary>
    public FilterResult WithMessage(string message) => new(Status, $"{message}: {Info}");
}

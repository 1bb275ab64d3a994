namespace Fabricish.Peer.Admin;

/// <summary>A verified admin request: who signed it (MSP id and certificate subject) and the function's arguments
/// after the function name; or the HTTP status and reason it was refused.</summary>
internal sealed record AdminRequest(string? Admin, IReadOnlyList<byte[]> Arguments, int StatusCode, string? Error)
{
    public bool IsAccepted => Error is null;

    public static AdminRequest Refused(int statusCode, string error) => new(null, [], statusCode, error);
}

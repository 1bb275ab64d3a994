using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Admin;

/// <summary>A well-formed, fresh admin request: the signed proposal, its creator and the function's arguments after
/// the function name; or the HTTP status and reason it was refused. Who may make it is the function's own check
/// (cscc's, shared with ProcessProposal).</summary>
internal sealed record AdminRequest(SignedProposal? Proposal, ByteString Creator, IReadOnlyList<ByteString> Arguments, int StatusCode, string? Error)
{
    public bool IsAccepted => Error is null;

    public static AdminRequest Refused(int statusCode, string error) => new(null, ByteString.Empty, [], statusCode, error);
}

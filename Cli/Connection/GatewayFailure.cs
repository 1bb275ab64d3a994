using Fabricish.Client;
using Grpc.Core;

namespace Fabricish.Cli.Connection;

/// <summary>Turns the client library's exceptions into CLI messages that say which step failed, what each peer or
/// orderer answered, and what to check.</summary>
internal static class GatewayFailure
{
    public static string Describe(GatewayException e, NodeEndpoint peer)
    {
        string step = e switch
        {
            EndorseException => "endorsement failed",
            SubmitException => "the orderers did not accept the transaction",
            CommitStatusException => "getting the commit status failed (the transaction may still commit)",
            _ => "the gateway refused the request",
        };
        string head = e.Message.Contains("SSL connection could not be established", StringComparison.Ordinal)
            ? $"TLS with {peer} failed — check the peer's TLS CA certificate (--tlsRootCertFiles, CORE_PEER_TLS_ROOTCERT_FILE or tlsCACerts in the profile) and the name its certificate carries (ssl-target-name-override or CORE_PEER_TLS_SERVERHOSTOVERRIDE) ({e.Message})"
            : e.StatusCode switch
            {
                StatusCode.Unavailable => $"cannot reach the gateway at {peer} — is the peer running, and is the address (--peerAddresses, CORE_PEER_ADDRESS or the connection profile) right? ({e.Message})",
                StatusCode.DeadlineExceeded => $"{step}: no answer from the gateway at {peer} in time ({e.Message})",
                StatusCode.PermissionDenied => $"{step}: access denied — is the identity (--msp-dir/--msp-id) a member of the channel with the rights this needs? ({e.Message})",
                _ => $"{step}: {e.Message}",
            };
        string txid = e switch
        {
            EndorseException x when x.TransactionId.Length > 0 => $"\ntxid: {x.TransactionId}",
            SubmitException x when x.TransactionId.Length > 0 => $"\ntxid: {x.TransactionId}",
            CommitStatusException x when x.TransactionId.Length > 0 => $"\ntxid: {x.TransactionId}",
            _ => string.Empty,
        };

        // The library's message already lists the details; the status code name helps when searching Fabric's docs.
        return $"{head}{txid}\ngRPC status: {e.StatusCode}";
    }
}

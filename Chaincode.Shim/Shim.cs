using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's shim response helpers and status codes (OK, ERRORTHRESHOLD, ERROR).</summary>
public static class Shim
{
    public const int StatusOk = 200;

    /// <summary>Statuses at or above this fail endorsement; the peer will not sign such a response.</summary>
    public const int StatusErrorThreshold = 400;

    /// <summary>The status of <see cref="Error(string)"/> and of every failure the shim reports itself.</summary>
    public const int StatusError = 500;

    public static Response Success() => new() { Status = StatusOk };

    public static Response Success(byte[] payload) => new() { Status = StatusOk, Payload = ByteString.CopyFrom(payload) };

    public static Response Success(string payload) => new() { Status = StatusOk, Payload = ByteString.CopyFromUtf8(payload) };

    public static Response Error(string message) => new() { Status = StatusError, Message = message };
}

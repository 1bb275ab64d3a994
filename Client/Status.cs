using Fabricish.Protos.Peer;

namespace Fabricish.Client;

/// <summary>A transaction's commit outcome, as fabric-gateway's <c>Status</c>: its validation code and block.</summary>
public sealed record Status(string TransactionId, TxValidationCode Code, ulong BlockNumber)
{
    public bool Successful => Code == TxValidationCode.Valid;
}

using Fabricish.Protos.Peer;

namespace Fabricish.E2E.Tests.Network;

/// <summary>Where a peer committed a transaction and how it validated it.</summary>
public sealed record CommittedTx(ulong BlockNumber, int TxIndex, TxValidationCode ValidationCode);

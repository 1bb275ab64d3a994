using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;

namespace Fabricish.Committer.Validation;

/// <summary>What the parallel endorsement check found for one endorser transaction, kept for the in-order key-level
/// stage (<see cref="KeyLevelValidator"/>): the endorsers whose signatures verified, the configuration the block is
/// judged by, and for each namespace to validate (written ones and the invoked chaincode, in name order) whether the
/// chaincode's own policy holds. Whether that policy even applies depends on the written keys' validation parameters
/// in state, which only the in-order stage can read.</summary>
public sealed record EndorsementEvidence(IReadOnlyList<IIdentity> Endorsers, ChannelConfig Config, IReadOnlyList<ChaincodePolicyOutcome> Namespaces);

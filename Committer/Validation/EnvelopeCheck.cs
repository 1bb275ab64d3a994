using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>What <see cref="EnvelopeValidator"/> concluded: a code, the reason when it is not VALID, and the parsed
/// envelope whenever its headers could be read.</summary>
internal readonly record struct EnvelopeCheck(TxValidationCode Code, string? Reason, ParsedEnvelope? Envelope)
{
    public static EnvelopeCheck Fail(TxValidationCode code, string reason, ParsedEnvelope? envelope = null) => new(code, reason, envelope);
}

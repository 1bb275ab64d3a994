using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Parses policy rules as written in configtx.yaml and on the command line, producing the same
/// protobuf messages Fabric's <c>policydsl.FromString</c> and <c>policies.ImplicitMetaFromString</c> do.
/// </summary>
public static class PolicyParser
{
    /// <summary>configtx.yaml's <c>Type</c> for signature policies.</summary>
    public const string SignatureType = "Signature";

    /// <summary>configtx.yaml's <c>Type</c> for implicit-meta policies.</summary>
    public const string ImplicitMetaType = "ImplicitMeta";

    /// <summary>Parses e.g. <c>OR('Org1MSP.peer', AND('Org2MSP.admin', 'Org3MSP.member'))</c>.</summary>
    public static PolicyParseResult<SignaturePolicyEnvelope> ParseSignaturePolicy(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return SignaturePolicyDslParser.Parse(rule);
    }

    /// <summary>Parses e.g. <c>MAJORITY Admins</c>: exactly a rule and a sub-policy name separated by one space, as Fabric requires.</summary>
    public static PolicyParseResult<ImplicitMetaPolicy> ParseImplicitMeta(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var tokens = rule.Split(' ');
        if (tokens.Length != 2)
        {
            return PolicyParseResult<ImplicitMetaPolicy>.Fail(
                $"implicit-meta policy '{rule}' must be '<ANY|ALL|MAJORITY> <sub-policy>': expected two space separated tokens, but got {tokens.Length}");
        }

        ImplicitMetaPolicy.Types.Rule metaRule;
        switch (tokens[0])
        {
            case "ANY":
                metaRule = ImplicitMetaPolicy.Types.Rule.Any;
                break;
            case "ALL":
                metaRule = ImplicitMetaPolicy.Types.Rule.All;
                break;
            case "MAJORITY":
                metaRule = ImplicitMetaPolicy.Types.Rule.Majority;
                break;
            default:
                return PolicyParseResult<ImplicitMetaPolicy>.Fail(
                    $"unknown rule type '{tokens[0]}' in implicit-meta policy '{rule}', expected ALL, ANY, or MAJORITY", 1);
        }

        if (tokens[1].Length == 0)
        {
            return PolicyParseResult<ImplicitMetaPolicy>.Fail(
                $"implicit-meta policy '{rule}' names no sub-policy", tokens[0].Length + 2);
        }

        return PolicyParseResult<ImplicitMetaPolicy>.Ok(new ImplicitMetaPolicy { Rule = metaRule, SubPolicy = tokens[1] });
    }

    /// <summary>
    /// Parses a configtx.yaml policy entry (<c>Type</c> "Signature" or "ImplicitMeta", plus <c>Rule</c>)
    /// into the <c>common.Policy</c> stored in channel config.
    /// </summary>
    public static PolicyParseResult<Policy> ParsePolicy(string type, string rule)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(rule);
        switch (type)
        {
            case SignatureType:
                {
                    var parsed = ParseSignaturePolicy(rule);
                    return parsed.Value is { } envelope
                        ? PolicyParseResult<Policy>.Ok(new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = envelope.ToByteString() })
                        : PolicyParseResult<Policy>.Fail(parsed.Error!, parsed.Column);
                }

            case ImplicitMetaType:
                {
                    var parsed = ParseImplicitMeta(rule);
                    return parsed.Value is { } meta
                        ? PolicyParseResult<Policy>.Ok(new Policy { Type = (int)Policy.Types.PolicyType.ImplicitMeta, Value = meta.ToByteString() })
                        : PolicyParseResult<Policy>.Fail(parsed.Error!, parsed.Column);
                }

            default:
                return PolicyParseResult<Policy>.Fail($"unknown policy type '{type}', expected {SignatureType} or {ImplicitMetaType}");
        }
    }
}

using System.Globalization;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Recursive-descent parser for Fabric's signature-policy DSL (<c>policydsl.FromString</c>):
/// <c>AND(...)</c>, <c>OR(...)</c>, <c>OutOf(n, ...)</c> over <c>'MSPID.role'</c> principals.
/// Fabric goes through govaluate, which reports no positions; this parser accepts the same
/// language but says where it stopped.
/// </summary>
internal sealed class SignaturePolicyDslParser
{
    // Deep enough for any real policy; bounds recursion on hostile input.
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private string? _error;
    private int _errorColumn;

    private SignaturePolicyDslParser(string text) => _text = text;

    private enum Gate
    {
        And,
        Or,
        OutOf,
    }

    public static PolicyParseResult<SignaturePolicyEnvelope> Parse(string text)
    {
        var parser = new SignaturePolicyDslParser(text);
        var root = parser.ParseTop();
        if (root is null)
        {
            return PolicyParseResult<SignaturePolicyEnvelope>.Fail(parser._error!, parser._errorColumn);
        }

        var envelope = new SignaturePolicyEnvelope { Version = 0 };
        envelope.Rule = Build(root, envelope.Identities);
        return PolicyParseResult<SignaturePolicyEnvelope>.Ok(envelope);
    }

    /// <summary>
    /// Numbers principals the way Fabric's second pass does: govaluate evaluates a gate's nested
    /// gates (left to right) before the gate itself appends its own principals, so
    /// <c>OR('A.member', AND('B.member', 'C.member'))</c> yields identities [B, C, A]. No
    /// de-duplication either, so the bytes match Fabric's.
    /// </summary>
    private static SignaturePolicy Build(DslNode gate, Google.Protobuf.Collections.RepeatedField<MSPPrincipal> identities)
    {
        var children = gate.Children!;
        var rules = new SignaturePolicy[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Principal is null)
            {
                rules[i] = Build(children[i], identities);
            }
        }

        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Principal is { } principal)
            {
                rules[i] = new SignaturePolicy { SignedBy = identities.Count };
                identities.Add(principal);
            }
        }

        var outOf = new SignaturePolicy.Types.NOutOf { N = gate.Threshold };
        outOf.Rules.Add(rules);
        return new SignaturePolicy { NOutOf = outOf };
    }

    private DslNode? ParseTop()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            return Fail("empty policy, expected AND, OR or OutOf", _pos);
        }

        var root = ParseGate(0);
        if (root is null)
        {
            return null;
        }

        SkipWhitespace();
        return AtEnd ? root : Fail($"unexpected '{_text[_pos]}' after the end of the policy", _pos);
    }

    private DslNode? ParseGate(int depth)
    {
        var start = _pos;
        if (depth >= MaxDepth)
        {
            return Fail($"policy nests more than {MaxDepth} gates deep", start);
        }

        if (AtEnd || !char.IsAsciiLetter(_text[_pos]))
        {
            return Fail("expected AND, OR or OutOf", start);
        }

        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        Gate gate;
        switch (name)
        {
            case "AND" or "And" or "and":
                gate = Gate.And;
                break;
            case "OR" or "Or" or "or":
                gate = Gate.Or;
                break;
            case "OutOf" or "outof" or "OUTOF":
                gate = Gate.OutOf;
                break;
            default:
                return Fail($"unknown gate '{name}', expected AND, OR or OutOf", start);
        }

        SkipWhitespace();
        if (!Consume('('))
        {
            return Fail($"expected '(' after {name}", _pos);
        }

        var threshold = 0;
        var thresholdColumn = 0;
        if (gate == Gate.OutOf)
        {
            SkipWhitespace();
            thresholdColumn = _pos;
            if (!TryParseThreshold(out threshold))
            {
                return null;
            }

            SkipWhitespace();
            if (!AtEnd && _text[_pos] == ')')
            {
                return Fail("OutOf needs at least one principal or gate after the threshold", _pos);
            }

            if (!Consume(','))
            {
                return Fail("expected ','", _pos);
            }
        }

        var children = new List<DslNode>();
        while (true)
        {
            SkipWhitespace();
            if (children.Count == 0 && gate != Gate.OutOf && !AtEnd && _text[_pos] == ')')
            {
                return Fail($"{name} needs at least one principal or gate", _pos);
            }

            var child = ParseArgument(depth);
            if (child is null)
            {
                return null;
            }

            children.Add(child);
            SkipWhitespace();
            if (Consume(','))
            {
                continue;
            }

            if (Consume(')'))
            {
                break;
            }

            return Fail("expected ',' or ')'", _pos);
        }

        var n = children.Count;
        switch (gate)
        {
            case Gate.And:
                threshold = n;
                break;
            case Gate.Or:
                threshold = 1;
                break;
            default:
                // Fabric permits t == n + 1 (a never-satisfiable policy, used to freeze keys).
                if (threshold < 0 || threshold > n + 1)
                {
                    return Fail($"invalid t-out-of-n predicate, t {threshold}, n {n}", thresholdColumn);
                }

                break;
        }

        return DslNode.ForGate(threshold, children);
    }

    private DslNode? ParseArgument(int depth)
    {
        if (AtEnd)
        {
            return Fail("expected a principal or a gate", _pos);
        }

        var c = _text[_pos];
        if (c is '\'' or '"')
        {
            var start = _pos;
            var content = ReadString();
            if (content is null)
            {
                return null;
            }

            var principal = ParsePrincipal(content);
            return principal is null
                ? Fail($"invalid principal '{content}', expected '<MSP ID>.<role>' with role member, admin, client, peer or orderer", start)
                : DslNode.ForPrincipal(principal);
        }

        return char.IsAsciiLetter(c) ? ParseGate(depth + 1) : Fail("expected a principal or a gate", _pos);
    }

    /// <summary>Fabric's OutOf takes a number, or (via govaluate) a quoted number.</summary>
    private bool TryParseThreshold(out int threshold)
    {
        threshold = 0;
        var start = _pos;
        string digits;
        if (!AtEnd && _text[_pos] is '\'' or '"')
        {
            var content = ReadString();
            if (content is null)
            {
                return false;
            }

            digits = content;
        }
        else
        {
            if (!AtEnd && _text[_pos] == '-')
            {
                _pos++;
            }

            while (!AtEnd && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            digits = _text[start.._pos];
        }

        if (digits.Length == 0 || digits == "-")
        {
            Fail("expected the threshold number of OutOf", start);
            return false;
        }

        if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out threshold))
        {
            Fail($"threshold '{digits}' is not a 32-bit integer", start);
            return false;
        }

        return true;
    }

    private string? ReadString()
    {
        var start = _pos;
        var quote = _text[_pos];
        var end = _text.IndexOf(quote, _pos + 1);
        if (end < 0)
        {
            Fail("unterminated string", start);
            return null;
        }

        _pos = end + 1;
        return _text[(start + 1)..end];
    }

    /// <summary>
    /// Fabric's principal regex is <c>^([[:alnum:].-]+)([.])(admin|member|client|peer|orderer)$</c>;
    /// roles contain no dot, so the MSP ID is everything before the last dot.
    /// </summary>
    internal static MSPPrincipal? ParsePrincipal(string text)
    {
        var dot = text.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        MSPRole.Types.MSPRoleType role;
        switch (text.AsSpan(dot + 1))
        {
            case "member":
                role = MSPRole.Types.MSPRoleType.Member;
                break;
            case "admin":
                role = MSPRole.Types.MSPRoleType.Admin;
                break;
            case "client":
                role = MSPRole.Types.MSPRoleType.Client;
                break;
            case "peer":
                role = MSPRole.Types.MSPRoleType.Peer;
                break;
            case "orderer":
                role = MSPRole.Types.MSPRoleType.Orderer;
                break;
            default:
                return null;
        }

        var mspId = text[..dot];
        foreach (var c in mspId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-')
            {
                return null;
            }
        }

        return new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
        };
    }

    private bool AtEnd => _pos >= _text.Length;

    private bool Consume(char c)
    {
        if (!AtEnd && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private DslNode? Fail(string message, int position)
    {
        _errorColumn = position + 1;
        _error = $"{message} at column {_errorColumn}";
        return null;
    }
}

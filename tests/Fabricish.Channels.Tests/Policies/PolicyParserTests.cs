using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Policies;

public class PolicyParserTests
{
    [Fact]
    public void And_of_two_principals_encodes_to_the_bytes_fabric_produces()
    {
        var parsed = PolicyParser.ParseSignaturePolicy("AND('A.member', 'B.peer')");

        // Hand-encoded from policies.proto / msp_principal.proto as Go's marshaller writes it:
        // rule = NOutOf{n=2, rules=[signed_by 0, signed_by 1]} (a set oneof writes even 0), then
        // identities ROLE(A, MEMBER) and ROLE(B, PEER) with default-valued fields omitted.
        var expected = "120C" + "120A" + "0802" + "12020800" + "12020801"
            + "1A05" + "12030A0141"
            + "1A07" + "12050A01421003";
        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(expected, Convert.ToHexString(parsed.Value!.ToByteArray()));
    }

    [Fact]
    public void Nested_gates_number_their_principals_before_the_enclosing_gate_as_fabric_does()
    {
        // Fabric's TestComplex1: OR('A.member', AND('B.member', 'C.member')) → identities [B, C, A].
        var parsed = PolicyParser.ParseSignaturePolicy("OR('A.member', AND('B.member', 'C.member'))");

        var expected = new SignaturePolicyEnvelope
        {
            Rule = Gate(1, SignedBy(2), Gate(2, SignedBy(0), SignedBy(1))),
            Identities = { Role("B", MSPRole.Types.MSPRoleType.Member), Role("C", MSPRole.Types.MSPRoleType.Member), Role("A", MSPRole.Types.MSPRoleType.Member) },
        };
        Assert.Equal(expected, parsed.Value);
    }

    [Fact]
    public void Repeated_principals_are_not_deduplicated_as_fabric_does_not()
    {
        var parsed = PolicyParser.ParseSignaturePolicy("OutOf(2, 'A.member', 'A.member')");

        Assert.Equal(2, parsed.Value!.Identities.Count);
        Assert.Equal(Gate(2, SignedBy(0), SignedBy(1)), parsed.Value.Rule);
    }

    [Theory]
    [InlineData("and(\"A.admin\", 'B.client')")]
    [InlineData("And('A.admin','B.client')")]
    [InlineData("  AND ( 'A.admin' ,\t'B.client' )  ")]
    [InlineData("OutOf(2, 'A.admin', 'B.client')")]
    [InlineData("OUTOF('2', 'A.admin', 'B.client')")]
    public void Spellings_fabric_accepts_give_the_same_envelope(string rule)
    {
        var expected = new SignaturePolicyEnvelope
        {
            Rule = Gate(2, SignedBy(0), SignedBy(1)),
            Identities = { Role("A", MSPRole.Types.MSPRoleType.Admin), Role("B", MSPRole.Types.MSPRoleType.Client) },
        };

        Assert.Equal(expected, PolicyParser.ParseSignaturePolicy(rule).Value);
    }

    [Fact]
    public void Msp_ids_may_contain_dots_and_dashes_and_every_role_is_understood()
    {
        var parsed = PolicyParser.ParseSignaturePolicy(
            "OR('MSP.WITH.DOTS.member', 'MSP-WITH-DASHES.admin', 'C.client', 'D.peer', 'E.orderer')");

        Assert.Equal(
            ["MSP.WITH.DOTS.member", "MSP-WITH-DASHES.admin", "C.client", "D.peer", "E.orderer"],
            parsed.Value!.Identities.Select(PolicyFormatter.FormatPrincipal));
    }

    [Fact]
    public void OutOf_allows_zero_and_n_plus_one_like_fabric()
    {
        Assert.Equal(0, PolicyParser.ParseSignaturePolicy("OutOf(0, 'A.member', 'B.member')").Value!.Rule.NOutOf.N);
        Assert.Equal(3, PolicyParser.ParseSignaturePolicy("OutOf(3, 'A.member', 'B.member')").Value!.Rule.NOutOf.N);
    }

    [Theory]
    [InlineData("AND('A.member' 'B.member')", "expected ',' or ')' at column 16", 16)]
    [InlineData("AND('A.member'", "expected ',' or ')' at column 15", 15)]
    [InlineData("OutOf(2 'A.member')", "expected ',' at column 9", 9)]
    [InlineData("AND('A.member', 'B.foo')", "invalid principal 'B.foo'", 17)]
    [InlineData("AND('A.member', Bmember)", "unknown gate 'Bmember'", 17)]
    [InlineData("XOR('A.member')", "unknown gate 'XOR'", 1)]
    [InlineData("AND('A.member)", "unterminated string at column 5", 5)]
    [InlineData("OutOf(4, 'A.member', 'B.member')", "invalid t-out-of-n predicate, t 4, n 2 at column 7", 7)]
    [InlineData("OutOf(-1, 'A.member')", "invalid t-out-of-n predicate, t -1, n 1", 7)]
    [InlineData("OutOf(1)", "OutOf needs at least one principal or gate after the threshold at column 8", 8)]
    [InlineData("AND()", "AND needs at least one principal or gate at column 5", 5)]
    [InlineData("AND('A.member',)", "expected a principal or a gate at column 16", 16)]
    [InlineData("AND('A.member') x", "unexpected 'x' after the end of the policy at column 17", 17)]
    [InlineData("'A.member'", "expected AND, OR or OutOf at column 1", 1)]
    [InlineData("   ", "empty policy", 4)]
    [InlineData("AND 'A.member'", "expected '(' after AND at column 5", 5)]
    public void Syntax_errors_name_the_problem_and_its_column(string rule, string message, int column)
    {
        var parsed = PolicyParser.ParseSignaturePolicy(rule);

        Assert.False(parsed.IsValid);
        Assert.Contains(message, parsed.Error, StringComparison.Ordinal);
        Assert.Equal(column, parsed.Column);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_an_error_not_a_stack_overflow()
    {
        var rule = string.Concat(Enumerable.Repeat("OR(", 10_000)) + "'A.member'" + new string(')', 10_000);

        var parsed = PolicyParser.ParseSignaturePolicy(rule);

        Assert.False(parsed.IsValid);
        Assert.Contains("nests more than", parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OR('A.member', AND('B.member', 'C.admin'))")]
    [InlineData("OutOf(2, 'A.peer', OR('B.peer', 'C.peer'), AND('D.orderer', 'E.client'))")]
    [InlineData("OR('A.member')")]
    [InlineData("OutOf(3, 'A.member', 'B.member')")]
    [InlineData("OutOf(0, 'A.member', 'B.member')")]
    public void Parse_format_parse_round_trips_to_identical_bytes_and_text(string rule)
    {
        var first = PolicyParser.ParseSignaturePolicy(rule).Value!;

        var text = PolicyFormatter.Format(first);
        var second = PolicyParser.ParseSignaturePolicy(text);

        Assert.Equal(rule, text);
        Assert.Equal(first.ToByteArray(), second.Value!.ToByteArray());
    }

    [Fact]
    public void Formatting_normalises_spelling_and_quotes()
    {
        var parsed = PolicyParser.ParseSignaturePolicy("or ( \"A.member\",outof('2', 'B.peer','C.peer','D.peer'), and(\"E.admin\"))").Value!;

        Assert.Equal("OR('A.member', OutOf(2, 'B.peer', 'C.peer', 'D.peer'), OR('E.admin'))", PolicyFormatter.Format(parsed));
    }

    [Theory]
    [InlineData("ANY Readers", ImplicitMetaPolicy.Types.Rule.Any, "Readers")]
    [InlineData("ALL Writers", ImplicitMetaPolicy.Types.Rule.All, "Writers")]
    [InlineData("MAJORITY Admins", ImplicitMetaPolicy.Types.Rule.Majority, "Admins")]
    public void Implicit_meta_rules_parse_and_format_back(string rule, ImplicitMetaPolicy.Types.Rule expectedRule, string subPolicy)
    {
        var parsed = PolicyParser.ParseImplicitMeta(rule);

        Assert.Equal(new ImplicitMetaPolicy { Rule = expectedRule, SubPolicy = subPolicy }, parsed.Value);
        Assert.Equal(rule, PolicyFormatter.Format(parsed.Value!));
    }

    [Theory]
    [InlineData("SOME Readers", "unknown rule type 'SOME'")]
    [InlineData("any Readers", "unknown rule type 'any'")]
    [InlineData("ANY", "expected two space separated tokens, but got 1")]
    [InlineData("ANY  Readers", "expected two space separated tokens, but got 3")]
    [InlineData("ANY ", "names no sub-policy")]
    public void Malformed_implicit_meta_rules_say_what_is_wrong(string rule, string message)
    {
        var parsed = PolicyParser.ParseImplicitMeta(rule);

        Assert.False(parsed.IsValid);
        Assert.Contains(message, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Configtx_policy_entries_become_typed_common_policies()
    {
        var signature = PolicyParser.ParsePolicy("Signature", "OR('Org1MSP.member')").Value!;
        var meta = PolicyParser.ParsePolicy("ImplicitMeta", "MAJORITY Admins").Value!;

        Assert.Equal((int)Policy.Types.PolicyType.Signature, signature.Type);
        Assert.Equal(PolicyParser.ParseSignaturePolicy("OR('Org1MSP.member')").Value, SignaturePolicyEnvelope.Parser.ParseFrom(signature.Value));
        Assert.Equal((int)Policy.Types.PolicyType.ImplicitMeta, meta.Type);
        Assert.Equal(ImplicitMetaPolicy.Types.Rule.Majority, ImplicitMetaPolicy.Parser.ParseFrom(meta.Value).Rule);
        Assert.Contains("unknown policy type 'Msp'", PolicyParser.ParsePolicy("Msp", "x").Error, StringComparison.Ordinal);
    }

    internal static SignaturePolicy SignedBy(int index) => new() { SignedBy = index };

    internal static SignaturePolicy Gate(int n, params SignaturePolicy[] rules) =>
        new() { NOutOf = new SignaturePolicy.Types.NOutOf { N = n, Rules = { rules } } };

    internal static MSPPrincipal Role(string mspId, MSPRole.Types.MSPRoleType role) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
    };
}

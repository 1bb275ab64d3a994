using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Shared plumbing of compiled policies: validates a signature set once, then lets the rule (and, for
/// implicit-meta policies, every sub-policy) work on the same identities, as Fabric's
/// <c>EvaluateIdentities</c> does. Failure reasons are composed only after a rule fails.
/// </summary>
internal abstract class EvaluablePolicy : IPolicy
{
    // Null only for policies that never look at signers (a missing policy rejects everything).
    private readonly IIdentityDeserializer? _deserializer;

    protected EvaluablePolicy(string path, string description, IIdentityDeserializer? deserializer)
    {
        Path = path;
        Description = description;
        _deserializer = deserializer;
    }

    public string Path { get; }

    public string Description { get; }

    public PolicyResult Evaluate(IReadOnlyList<SignedData> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (_deserializer is null)
        {
            return Decide([], deduplicated: true, ignored: null);
        }

        var pool = ArrayPool<IIdentity>.Shared;
        var valid = pool.Rent(Math.Max(1, signatures.Count));
        try
        {
            var count = SignatureSetValidator.Validate(signatures, _deserializer, valid, out var ignored);
            return Decide(valid.AsSpan(0, count), deduplicated: true, ignored);
        }
        finally
        {
            pool.Return(valid, clearArray: true);
        }
    }

    public PolicyResult EvaluateIdentities(IReadOnlyList<IIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        switch (identities)
        {
            case IIdentity[] array:
                return Decide(array, deduplicated: false, ignored: null);
            case List<IIdentity> list:
                return Decide(CollectionsMarshal.AsSpan(list), deduplicated: false, ignored: null);
            default:
                var copy = new IIdentity[identities.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = identities[i];
                }

                return Decide(copy, deduplicated: false, ignored: null);
        }
    }

    /// <summary>The hot path: no allocations. <paramref name="deduplicated"/> says whether repeated
    /// identities were already removed; if not, the rule must count each one once itself.</summary>
    internal abstract bool IsSatisfied(ReadOnlySpan<IIdentity> identities, bool deduplicated);

    /// <summary>Why <see cref="IsSatisfied"/> is false for these identities, without the policy path.</summary>
    internal abstract string Explain(ReadOnlySpan<IIdentity> identities, bool deduplicated);

    protected virtual string Headline => $"policy {Path} ({Description}) not satisfied";

    private PolicyResult Decide(ReadOnlySpan<IIdentity> identities, bool deduplicated, List<string>? ignored)
    {
        if (IsSatisfied(identities, deduplicated))
        {
            return PolicyResult.Ok;
        }

        var reason = new StringBuilder(Headline).Append(": ").Append(Explain(identities, deduplicated));
        if (_deserializer is not null)
        {
            reason.Append("; valid signers: ");
            if (identities.IsEmpty)
            {
                reason.Append("none");
            }

            for (var i = 0; i < identities.Length; i++)
            {
                reason.Append(i == 0 ? "" : ", ").Append(identities[i].MspId);
            }
        }

        if (ignored is { Count: > 0 })
        {
            reason.Append("; ignored: ").AppendJoin("; ", ignored);
        }

        return PolicyResult.NotSatisfied(reason.ToString());
    }
}

using Fabricish.Channels.Msp;

namespace Fabricish.Committer.Validation;

/// <summary>The identities met while validating one block, each deserialized and judged by the channel's MSPs once:
/// a block's transactions come from few clients and are endorsed by few peers, so the creator and endorsers of
/// most transactions repeat. The block is judged as of one configuration and one instant, so an identity's outcome
/// cannot differ between two of its transactions. Safe for the block's parallel checks.</summary>
internal sealed class BlockIdentities(IIdentityDeserializer msps) : IIdentityDeserializer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], IdentityResult> _seen = new(ByteArrayComparer.Instance);

    public IdentityResult Deserialize(ReadOnlySpan<byte> serializedIdentity)
    {
        var seen = _seen.GetAlternateLookup<ReadOnlySpan<byte>>();
        lock (_gate)
        {
            if (seen.TryGetValue(serializedIdentity, out IdentityResult known))
            {
                return known;
            }
        }

        IdentityResult result = msps.Deserialize(serializedIdentity);
        lock (_gate)
        {
            seen.TryAdd(serializedIdentity, result);
        }

        return result;
    }
}

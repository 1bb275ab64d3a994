using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Blocks;

/// <summary>Block header and data hashes exactly as Fabric's <c>protoutil</c> computes them.</summary>
public static class BlockHashing
{
    /// <summary>DER of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash },
    /// the encoding Go's asn1 gives Fabric's header struct; its SHA-256 is the block hash.</summary>
    public static byte[] HeaderBytes(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(header.Number));
            writer.WriteOctetString(header.PreviousHash.Span);
            writer.WriteOctetString(header.DataHash.Span);
        }

        return writer.Encode();
    }

    public static byte[] HeaderHash(BlockHeader header) => SHA256.HashData(HeaderBytes(header));

    /// <summary>SHA-256 over the concatenation of the block's data entries.</summary>
    public static byte[] DataHash(BlockData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (ByteString entry in data.Data)
        {
            hash.AppendData(entry.Span);
        }

        return hash.GetHashAndReset();
    }
}

using System.Security.Cryptography;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's RangeQueryResultsHelper with hashing (rwsetutil/query_results_helper.go): range results are
/// grouped maxDegree+1 at a time into SHA-256 leaves of their serialized QueryReads, and levels collapse the same
/// way, so a long range query is recorded as at most maxDegree hashes. Rebuilt at validation from the re-executed
/// range and compared with the summary the endorser recorded.</summary>
internal sealed class RangeQueryMerkleTree
{
    private readonly uint _maxDegree;
    private readonly Dictionary<uint, List<byte[]>> _levels = [];
    private readonly List<KVRead> _pending = [];
    private uint _maxLevel = 1;

    public RangeQueryMerkleTree(uint maxDegree)
    {
        // Fabric refuses degrees below 2; such a summary can only come from a faulty endorser and never matches.
        _maxDegree = Math.Max(maxDegree, 2);
    }

    public void Add(KVRead read)
    {
        _pending.Add(read);
        if (_pending.Count > _maxDegree)
        {
            FlushPending();
        }
    }

    /// <summary>The summary once every result was added; null when the results fit in raw reads, in which case
    /// the endorser would not have recorded a summary at all.</summary>
    public QueryReadsMerkleSummary? Complete()
    {
        if (_maxLevel == 1 && Level(1).Count == 0)
        {
            return null;
        }

        if (_pending.Count > 0)
        {
            FlushPending();
        }

        for (uint level = 1; level < _maxLevel; level++)
        {
            List<byte[]> hashes = Level(level);
            if (hashes.Count == 0)
            {
                continue;
            }

            byte[] parent = hashes.Count == 1 ? hashes[0] : Combine(hashes);
            _levels.Remove(level);
            Level(level + 1).Add(parent);
        }

        List<byte[]> top = Level(_maxLevel);
        if (top.Count > _maxDegree)
        {
            byte[] root = Combine(top);
            _levels.Remove(_maxLevel);
            _maxLevel++;
            Level(_maxLevel).Add(root);
        }

        var summary = new QueryReadsMerkleSummary { MaxDegree = _maxDegree, MaxLevel = _maxLevel };
        summary.MaxLevelHashes.AddRange(Level(_maxLevel).Select(ByteString.CopyFrom));
        return summary;
    }

    public static bool SameSummary(QueryReadsMerkleSummary expected, QueryReadsMerkleSummary? actual) =>
        actual is not null
        && expected.MaxDegree == actual.MaxDegree
        && expected.MaxLevel == actual.MaxLevel
        && expected.MaxLevelHashes.SequenceEqual(actual.MaxLevelHashes);

    private void FlushPending()
    {
        var reads = new QueryReads();
        reads.KvReads.AddRange(_pending);
        _pending.Clear();
        Level(1).Add(SHA256.HashData(reads.ToByteArray()));
        for (uint level = 1; Level(level).Count > _maxDegree; level++)
        {
            byte[] parent = Combine(Level(level));
            _levels.Remove(level);
            Level(level + 1).Add(parent);
            _maxLevel = Math.Max(_maxLevel, level + 1);
        }
    }

    private List<byte[]> Level(uint level)
    {
        if (!_levels.TryGetValue(level, out List<byte[]>? hashes))
        {
            hashes = [];
            _levels[level] = hashes;
        }

        return hashes;
    }

    private static byte[] Combine(List<byte[]> hashes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] h in hashes)
        {
            hash.AppendData(h);
        }

        return hash.GetHashAndReset();
    }
}

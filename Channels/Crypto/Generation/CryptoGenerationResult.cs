namespace Fabricish.Channels.Crypto.Generation;

/// <summary>What crypto generation wrote (organisation folders), or why it wrote nothing.</summary>
public readonly record struct CryptoGenerationResult(IReadOnlyList<string>? WrittenOrgs, string? Error)
{
    public bool Succeeded => WrittenOrgs is not null;

    public static CryptoGenerationResult Ok(IReadOnlyList<string> written) => new(written, null);

    public static CryptoGenerationResult Failed(string error) => new(null, error);
}

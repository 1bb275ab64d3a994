using System.Formats.Asn1;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// The parts of an X.509 CRL an MSP needs: who issued it and which serial numbers it revokes.
/// .NET can build CRLs but does not expose their entries, hence this small reader.
/// </summary>
internal sealed class RevocationList
{
    private readonly HashSet<string> _revokedSerials;

    private RevocationList(SignedObject signed, ReadOnlyMemory<byte> issuerName, HashSet<string> revokedSerials)
    {
        Signed = signed;
        IssuerName = issuerName;
        _revokedSerials = revokedSerials;
    }

    public SignedObject Signed { get; }

    /// <summary>The issuer's encoded distinguished name, comparable with a certificate's raw subject.</summary>
    public ReadOnlyMemory<byte> IssuerName { get; }

    /// <summary>Serials as upper-case hex without leading zero bytes (see <see cref="NormalizeSerial"/>).</summary>
    public bool Revokes(string normalizedSerial) => _revokedSerials.Contains(normalizedSerial);

    public static RevocationList? TryParse(ReadOnlyMemory<byte> der)
    {
        if (!SignedObject.TryParse(der, out var signed))
        {
            return null;
        }

        try
        {
            var tbs = new AsnReader(signed.ToBeSigned, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger(); // version
            }

            tbs.ReadSequence(); // signature algorithm
            var issuer = tbs.ReadEncodedValue();
            ReadTime(tbs); // thisUpdate
            if (tbs.HasData && IsTime(tbs.PeekTag()))
            {
                ReadTime(tbs); // nextUpdate
            }

            var serials = new HashSet<string>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    serials.Add(NormalizeSerial(entry.ReadIntegerBytes().Span));
                }
            }

            return new RevocationList(signed, issuer, serials);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static string NormalizeSerial(ReadOnlySpan<byte> serial)
    {
        int start = serial.IndexOfAnyExcept((byte)0);
        return start < 0 ? "00" : Convert.ToHexString(serial[start..]);
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static void ReadTime(AsnReader reader)
    {
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            reader.ReadUtcTime();
        }
        else
        {
            reader.ReadGeneralizedTime();
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>Checks an attestation a client attached to a proposal, using only the proposal and world state so
/// that every endorser agrees: the signature, the signer against a <see cref="TrustedOracle"/>, the symbol,
/// freshness against the transaction's timestamp, and that no earlier transaction used it for the same purpose. A
/// verified attestation is recorded under <c>oracle.attestation~scope~id</c>, so a second use fails here, and two
/// transactions using it in the same block conflict in MVCC validation.</summary>
public static class AttestationVerifier
{
    public const string UsedObjectType = "oracle.attestation";

    /// <summary>How far an observation may lie after the transaction's timestamp: client and oracle clocks differ.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <param name="scope">What the attestation is used for, e.g. an instrument id: one published observation may
    /// settle several instruments, but each only once.</param>
    /// <returns>The attested observation.</returns>
    /// <exception cref="AttestationRefusedException">the attestation must not be acted on; the message says why.</exception>
    public static async Task<Observation> VerifyAsync(
        IChaincodeStub stub, string attestationJson, TrustedOracle oracle, string symbol, TimeSpan maxAge, string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(stub);
        ArgumentNullException.ThrowIfNull(oracle);
        DateTimeOffset txTime = stub.GetTxTimestamp()
            ?? throw new AttestationRefusedException("verifying an attestation needs the proposal's timestamp");
        (OracleAttestation attestation, Observation observation) = VerifySignature(attestationJson, oracle, txTime);
        if (observation.Symbol != symbol)
        {
            throw new AttestationRefusedException($"the attestation is for {observation.Symbol}, not {symbol}");
        }

        if (observation.ObservedAt > txTime + AllowedClockSkew)
        {
            throw new AttestationRefusedException(
                $"the attestation was observed at {observation.ObservedAt:O}, after the transaction's time {txTime:O}");
        }

        if (txTime - observation.ObservedAt > maxAge)
        {
            throw new AttestationRefusedException(
                $"the attestation is stale: observed at {observation.ObservedAt:O}, more than {maxAge} before the transaction's time {txTime:O}");
        }

        string usedKey = stub.CreateCompositeKey(UsedObjectType, scope, attestation.Id);
        byte[] usedBy = await stub.GetStateAsync(usedKey).ConfigureAwait(false);
        if (usedBy.Length > 0)
        {
            throw new AttestationRefusedException(
                $"the attestation {attestation.Id} was already used for {scope} by transaction {Encoding.UTF8.GetString(usedBy)}: replay refused");
        }

        await stub.PutStateAsync(usedKey, Encoding.UTF8.GetBytes(stub.GetTxId())).ConfigureAwait(false);
        return observation;
    }

    /// <summary>The checks that need no state: well-formed, signed by the oracle's certificate, and that
    /// certificate is the oracle's identity at <paramref name="at"/>.</summary>
    public static (OracleAttestation Attestation, Observation Observation) VerifySignature(string attestationJson, TrustedOracle oracle, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        OracleAttestation attestation;
        Observation observation;
        X509Certificate2 certificate;
        try
        {
            attestation = OracleAttestation.Parse(attestationJson);
            observation = attestation.ReadObservation();
            certificate = X509Certificate2.CreateFromPem(attestation.CertificatePem);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new AttestationRefusedException($"the attestation is malformed: {e.Message}", e);
        }

        using (certificate)
        {
            using ECDsa? key = certificate.GetECDsaPublicKey();
            byte[] signed = Convert.FromBase64String(attestation.ObservationBase64);
            byte[] signature = Convert.FromBase64String(attestation.SignatureBase64);
            if (key is null || !key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new AttestationRefusedException("the attestation's signature does not verify against its certificate: forged or altered");
            }

            if (attestation.MspId != oracle.MspId)
            {
                throw new AttestationRefusedException($"the attestation is signed by a member of {attestation.MspId}, not by the oracle {oracle.Name} of {oracle.MspId}");
            }

            string? notOracle = oracle.WhyNotIssuedTo(certificate, at);
            if (notOracle is not null)
            {
                throw new AttestationRefusedException($"the attestation is not the oracle's: {notOracle}");
            }
        }

        return (attestation, observation);
    }
}

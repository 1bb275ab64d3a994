using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Fabricish.Channels.Config.Update;

/// <summary>Reading the CONFIG_UPDATE envelopes admins submit, as Fabric's <c>protoutil</c> does: the update they
/// carry and the signatures collected over it.</summary>
public static class ConfigUpdateEnvelopes
{
    private static readonly EnumDescriptor HeaderTypes = CommonReflection.Descriptor.FindTypeByName<EnumDescriptor>("HeaderType");

    /// <summary>The ConfigUpdateEnvelope a CONFIG_UPDATE envelope carries (Fabric's <c>EnvelopeToConfigUpdate</c>).</summary>
    /// <returns>Null with <paramref name="error"/> when the envelope is not a readable CONFIG_UPDATE.</returns>
    public static ConfigUpdateEnvelope? FromEnvelope(Envelope envelope, out string? error)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Payload payload;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"error unmarshalling Payload: {e.Message}";
            return null;
        }

        if (payload.Header is null)
        {
            error = "envelope must have a Header";
            return null;
        }

        ChannelHeader header;
        try
        {
            header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"error unmarshalling ChannelHeader: {e.Message}";
            return null;
        }

        if (header.Type != (int)HeaderType.ConfigUpdate)
        {
            error = $"invalid type {HeaderTypeName(header.Type)}, expected {HeaderTypeName((int)HeaderType.ConfigUpdate)}";
            return null;
        }

        try
        {
            error = null;
            return ConfigUpdateEnvelope.Parser.ParseFrom(payload.Data);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"error unmarshalling message for type {HeaderTypeName((int)HeaderType.ConfigUpdate)}: {e.Message}";
            return null;
        }
    }

    /// <summary>The update's signatures as policies weigh them (Fabric's <c>ConfigUpdateEnvelopeAsSignedData</c>): each
    /// signs its signature header followed by the config update bytes, and its creator is the header's.</summary>
    /// <returns>Null with <paramref name="error"/> when a signature header does not parse.</returns>
    public static List<SignedData>? AsSignedData(ConfigUpdateEnvelope envelope, out string? error)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var signatures = new List<SignedData>(envelope.Signatures.Count);
        foreach (ConfigSignature signature in envelope.Signatures)
        {
            SignatureHeader header;
            try
            {
                header = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader);
            }
            catch (InvalidProtocolBufferException e)
            {
                error = $"error unmarshalling signature header: {e.Message}";
                return null;
            }

            byte[] signed = [.. signature.SignatureHeader.Span, .. envelope.ConfigUpdate.Span];
            signatures.Add(new SignedData(signed, header.Creator.Memory, signature.Signature.Memory));
        }

        error = null;
        return signatures;
    }

    /// <summary>Fabric's name for a header type (CONFIG_UPDATE, not ConfigUpdate), as its errors print it.</summary>
    private static string HeaderTypeName(int type) =>
        HeaderTypes.FindValueByNumber(type)?.Name ?? type.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

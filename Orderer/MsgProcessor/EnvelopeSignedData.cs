using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>An envelope as the one signature policies weigh (Fabric's <c>protoutil.EnvelopeAsSignedData</c>):
/// the payload bytes, signed by the creator named in the payload's signature header.</summary>
internal static class EnvelopeSignedData
{
    public static bool TryGet(Envelope message, out SignedData signedData, out string? error)
    {
        signedData = default;
        Payload payload;
        SignatureHeader header;
        try
        {
            payload = Payload.Parser.ParseFrom(message.Payload);
            if (payload.Header is null)
            {
                error = "could not convert message to signedData: Missing Header";
                return false;
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"could not convert message to signedData: {e.Message}";
            return false;
        }

        try
        {
            header = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"could not convert message to signedData: GetSignatureHeaderFromBytes failed, err {e.Message}";
            return false;
        }

        error = null;
        signedData = new SignedData(message.Payload.Memory, header.Creator.Memory, message.Signature.Memory);
        return true;
    }
}

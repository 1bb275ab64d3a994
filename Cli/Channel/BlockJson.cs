using System.Text.Json.Nodes;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// Renders a block as configtxlator's <c>proto_decode --type common.Block</c> does: every nested bytes field that holds
/// a known message is decoded in place (envelope → payload → headers, CONFIG data → ConfigEnvelope, metadata entries).
/// </summary>
internal static class BlockJson
{
    public static JsonObject Render(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        JsonObject json = ProtoJson.Object(block);
        if (block.Data is not null)
        {
            json["data"] = new JsonObject { ["data"] = new JsonArray([.. block.Data.Data.Select(Envelope)]) };
        }

        if (block.Metadata is not null)
        {
            var entries = new JsonArray();
            for (int i = 0; i < block.Metadata.Metadata.Count; i++)
            {
                entries.Add(MetadataEntry(i, block.Metadata.Metadata[i]));
            }

            json["metadata"] = new JsonObject { ["metadata"] = entries };
        }

        return json;
    }

    private static JsonNode? MetadataEntry(int index, ByteString bytes) => (BlockMetadataIndex)index switch
    {
        // The transaction filter is a raw byte per transaction, not a message.
        BlockMetadataIndex.TransactionsFilter => JsonValue.Create(ProtoJson.Base64(bytes)),
        BlockMetadataIndex.Signatures => ProtoJson.Decode(bytes, Metadata.Parser, (m, j) =>
        {
            j["value"] = ProtoJson.Decode(m.Value, OrdererBlockMetadata.Parser);
            j["signatures"] = new JsonArray([.. m.Signatures.Select(MetadataSignature)]);
        }),
        BlockMetadataIndex.LastConfig => ProtoJson.Decode(bytes, Metadata.Parser, (m, j) =>
            j["value"] = ProtoJson.Decode(m.Value, LastConfig.Parser)),
        _ => ProtoJson.Decode(bytes, Metadata.Parser),
    };

    private static JsonObject MetadataSignature(MetadataSignature signature)
    {
        JsonObject json = ProtoJson.Object(signature);
        json["signature_header"] = SignatureHeader(signature.SignatureHeader);
        if (!signature.IdentifierHeader.IsEmpty)
        {
            json["identifier_header"] = ProtoJson.Decode(signature.IdentifierHeader, IdentifierHeader.Parser);
        }

        return json;
    }

    public static JsonNode Envelope(ByteString bytes) => ProtoJson.Decode(bytes, Protos.Common.Envelope.Parser, (e, j) =>
        j["payload"] = ProtoJson.Decode(e.Payload, Payload.Parser, ExpandPayload));

    private static void ExpandPayload(Payload payload, JsonObject json)
    {
        var type = HeaderType.Message;
        if (payload.Header is not null)
        {
            JsonObject header = ProtoJson.Object(payload.Header);
            header["channel_header"] = ProtoJson.Decode(payload.Header.ChannelHeader, ChannelHeader.Parser, (h, _) => type = (HeaderType)h.Type);
            header["signature_header"] = SignatureHeader(payload.Header.SignatureHeader);
            json["header"] = header;
        }

        json["data"] = type switch
        {
            HeaderType.Config => ProtoJson.Decode(payload.Data, Protos.Common.ConfigEnvelope.Parser, ExpandConfigEnvelope),
            HeaderType.ConfigUpdate => ProtoJson.Decode(payload.Data, Protos.Common.ConfigUpdateEnvelope.Parser, ExpandConfigUpdateEnvelope),
            _ => JsonValue.Create(ProtoJson.Base64(payload.Data)),
        };
    }

    private static void ExpandConfigEnvelope(ConfigEnvelope envelope, JsonObject json)
    {
        if (envelope.Config is not null)
        {
            JsonObject config = ProtoJson.Object(envelope.Config);
            if (envelope.Config.ChannelGroup is not null)
            {
                config["channel_group"] = ConfigJson.Group(envelope.Config.ChannelGroup);
            }

            json["config"] = config;
        }

        json["last_update"] = envelope.LastUpdate is null ? null : Envelope(envelope.LastUpdate.ToByteString());
    }

    private static void ExpandConfigUpdateEnvelope(ConfigUpdateEnvelope envelope, JsonObject json)
    {
        json["config_update"] = ProtoJson.Decode(envelope.ConfigUpdate, ConfigUpdate.Parser, (u, j) =>
        {
            if (u.ReadSet is not null)
            {
                j["read_set"] = ConfigJson.Group(u.ReadSet);
            }

            if (u.WriteSet is not null)
            {
                j["write_set"] = ConfigJson.Group(u.WriteSet);
            }
        });
        json["signatures"] = new JsonArray([.. envelope.Signatures.Select(s =>
        {
            JsonObject sig = ProtoJson.Object(s);
            sig["signature_header"] = SignatureHeader(s.SignatureHeader);
            return (JsonNode)sig;
        })]);
    }

    public static JsonNode SignatureHeader(ByteString bytes) => ProtoJson.Decode(bytes, Protos.Common.SignatureHeader.Parser, (h, j) =>
    {
        if (!h.Creator.IsEmpty)
        {
            j["creator"] = ProtoJson.Decode(h.Creator, SerializedIdentity.Parser, (id, idJson) => idJson["id_bytes"] = ProtoJson.Pem(id.IdBytes));
        }
    });
}

using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Fabricish.Protos.Tests;

/// <summary>Compares every compiled schema with the schema @hyperledger/fabric-protos 0.3.7 was generated from
/// (Fabric v2.5's protos plus later additions), so a wrong number, type, name or oneof fails here.</summary>
public class SchemaConformanceTests
{
    // Kafka consensus was removed after v2.5, so the official v0.3 bindings no longer carry its messages.
    private static readonly string[] KafkaOnlyInV25 =
    [
        "orderer.KafkaMessage", "orderer.KafkaMessageConnect", "orderer.KafkaMessageRegular",
        "orderer.KafkaMessageTimeToCut", "orderer.KafkaMetadata",
    ];

    // Values the official bindings carry that were added for Fabric v3 and are not part of v2.5.
    private static readonly Dictionary<string, string[]> NewerThanV25 = new()
    {
        ["protos.ChaincodeMessage.Type"] = ["GET_STATE_MULTIPLE", "WRITE_BATCH_STATE"],
    };

    /// <summary>Fabricish's own peer-to-peer schemas (the membership probes discovery relies on), not Fabric's.</summary>
    private const string OwnPackagePrefix = "fabricish.";

    [Fact]
    public async Task Every_message_has_the_fields_of_the_official_fabric_bindings()
    {
        JsonElement messages = (await CompatScripts.OfficialSchemaAsync()).GetProperty("messages");
        var mismatches = new List<string>();
        var absent = new List<string>();
        foreach (MessageDescriptor message in ProtoCatalog.Messages.Where(m => !m.File.Package.StartsWith(OwnPackagePrefix, StringComparison.Ordinal)))
        {
            if (!messages.TryGetProperty(message.FullName, out JsonElement official))
            {
                absent.Add(message.FullName);
                continue;
            }

            IEnumerable<string> ours = message.Fields.InFieldNumberOrder().Select(SchemaDescriptions.Describe);
            IEnumerable<string> theirs = official.GetProperty("fields").EnumerateArray().Select(SchemaDescriptions.Describe);
            mismatches.AddRange(ours.Except(theirs).Select(f => $"{message.FullName}: ours has '{f}'"));
            mismatches.AddRange(theirs.Except(ours).Select(f => $"{message.FullName}: official has '{f}'"));

            var ourOneofs = message.Oneofs.Where(o => !o.IsSynthetic)
                .Select(o => string.Join(",", o.Fields.Select(f => f.FieldNumber).Order())).Order().ToList();
            var theirOneofs = official.GetProperty("oneofs").EnumerateArray()
                .Select(g => string.Join(",", g.EnumerateArray().Select(n => n.GetInt32()).Order())).Order().ToList();
            if (!ourOneofs.SequenceEqual(theirOneofs))
            {
                mismatches.Add($"{message.FullName}: oneofs [{string.Join("; ", ourOneofs)}] vs official [{string.Join("; ", theirOneofs)}]");
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(KafkaOnlyInV25.Order(StringComparer.Ordinal), absent.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_enum_has_the_values_of_the_official_fabric_bindings_except_v3_additions()
    {
        JsonElement enums = (await CompatScripts.OfficialSchemaAsync()).GetProperty("enums");
        var mismatches = new List<string>();
        var absent = new List<string>();
        foreach (EnumDescriptor e in ProtoCatalog.Enums)
        {
            if (!enums.TryGetProperty(e.FullName, out JsonElement official))
            {
                absent.Add(e.FullName);
                continue;
            }

            IEnumerable<string> ours = e.Values.Select(v => $"{v.Name}={v.Number}");
            var theirs = official.EnumerateObject()
                .Where(p => !NewerThanV25.GetValueOrDefault(e.FullName, []).Contains(p.Name))
                .Select(p => $"{p.Name}={p.Value.GetInt32()}").ToList();
            mismatches.AddRange(ours.Except(theirs).Select(v => $"{e.FullName}: ours has {v}"));
            mismatches.AddRange(theirs.Except(ours).Select(v => $"{e.FullName}: official has {v}"));
            foreach (string newer in NewerThanV25.GetValueOrDefault(e.FullName, []))
            {
                if (!official.TryGetProperty(newer, out _))
                {
                    mismatches.Add($"{e.FullName}: expected the official bindings' v3 value {newer}");
                }
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(["orderer.KafkaMessageRegular.Class"], absent);
    }

    [Fact]
    public async Task Every_service_method_has_the_path_streaming_and_types_of_the_official_fabric_bindings()
    {
        JsonElement services = (await CompatScripts.OfficialSchemaAsync()).GetProperty("services");
        var mismatches = new List<string>();
        foreach (MethodDescriptor method in ProtoCatalog.Services.Where(s => !s.File.Package.StartsWith(OwnPackagePrefix, StringComparison.Ordinal)).SelectMany(s => s.Methods))
        {
            string path = ProtoCatalog.PathOf(method);
            if (!services.TryGetProperty(path, out JsonElement official))
            {
                mismatches.Add($"{path}: not in the official bindings");
                continue;
            }

            string ours = $"{method.IsClientStreaming} {method.IsServerStreaming} {method.InputType.FullName} {method.OutputType.FullName}";
            string theirs = $"{official.GetProperty("requestStream").GetBoolean()} {official.GetProperty("responseStream").GetBoolean()} " +
                $"{official.GetProperty("requestType").GetString()} {official.GetProperty("responseType").GetString()}";
            if (ours != theirs)
            {
                mismatches.Add($"{path}: ours '{ours}', official '{theirs}'");
            }
        }

        Assert.Empty(mismatches);
    }
}

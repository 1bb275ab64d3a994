using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;
using StateMetadata = Fabricish.Protos.Peer.Lifecycle.StateMetadata;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's lifecycle Serializer for a committed ChaincodeDefinition: a StateMetadata under the metadata
/// key naming the fields, and each field a StateData (Sequence an Int64, the others marshaled messages as Bytes).</summary>
internal static class LifecycleStateCodec
{
    /// <summary>The keys and values a commit of <paramref name="definition"/> writes.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Encode(LifecycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string name = definition.Name;
        var metadata = new StateMetadata { Datatype = LifecycleKeys.DefinitionDatatype };
        metadata.Fields.AddRange(LifecycleKeys.DefinitionFields);
        var values = new List<KeyValuePair<string, byte[]>>
        {
            new(LifecycleKeys.Metadata(name), metadata.ToByteArray()),
            new(LifecycleKeys.Field(name, LifecycleKeys.SequenceField), new StateData { Int64 = definition.Sequence }.ToByteArray()),
        };
        values.AddRange(EncodeParameters(definition).Select(f => new KeyValuePair<string, byte[]>(LifecycleKeys.Field(name, f.Key), f.Value)));
        return values;
    }

    /// <summary>Fabric's ChaincodeParameters of a definition, field by field as the Serializer stores them: what an
    /// organization approves and what readiness compares by hash.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> EncodeParameters(LifecycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var endorsement = new ChaincodeEndorsementInfo
        {
            Version = definition.Version,
            InitRequired = definition.InitRequired,
            EndorsementPlugin = definition.EndorsementPlugin,
        };
        var validation = new ChaincodeValidationInfo
        {
            ValidationPlugin = definition.ValidationPlugin,
            ValidationParameter = definition.ValidationParameter,
        };
        return
        [
            new(LifecycleKeys.EndorsementInfoField, new StateData { Bytes = endorsement.ToByteString() }.ToByteArray()),
            new(LifecycleKeys.ValidationInfoField, new StateData { Bytes = validation.ToByteString() }.ToByteArray()),
            new(LifecycleKeys.CollectionsField, new StateData { Bytes = (definition.Collections ?? new CollectionConfigPackage()).ToByteString() }.ToByteArray()),
        ];
    }

    /// <summary>Fabric's ChaincodeLocalPackage: the package id an organization approved ("" for none).</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> EncodeLocalPackage(string packageId) =>
        [new(LifecycleKeys.PackageIdField, new StateData { String = packageId }.ToByteArray())];

    /// <summary>The approved parameters from the StateData of <see cref="LifecycleKeys.ParameterFields"/>, in order.</summary>
    public static LifecycleDefinition DecodeParameters(string name, long sequence, IReadOnlyList<StateData> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ChaincodeEndorsementInfo endorsement = ChaincodeEndorsementInfo.Parser.ParseFrom(fields[0].Bytes);
        ChaincodeValidationInfo validation = ChaincodeValidationInfo.Parser.ParseFrom(fields[1].Bytes);
        CollectionConfigPackage collections = CollectionConfigPackage.Parser.ParseFrom(fields[2].Bytes);
        return new LifecycleDefinition(
            name, sequence, endorsement.Version, endorsement.EndorsementPlugin, validation.ValidationPlugin,
            validation.ValidationParameter, collections, endorsement.InitRequired);
    }

    /// <summary>The keys <see cref="Decode"/> needs, in the order it takes their values.</summary>
    public static IReadOnlyList<string> KeysOf(string name) =>
    [
        LifecycleKeys.Metadata(name),
        LifecycleKeys.Field(name, LifecycleKeys.SequenceField),
        LifecycleKeys.Field(name, LifecycleKeys.EndorsementInfoField),
        LifecycleKeys.Field(name, LifecycleKeys.ValidationInfoField),
        LifecycleKeys.Field(name, LifecycleKeys.CollectionsField),
    ];

    /// <summary>The definition from the values of <see cref="KeysOf"/>; null when the chaincode is not defined, an
    /// error when the stored values are not a chaincode definition.</summary>
    public static LifecycleDefinition? Decode(string name, IReadOnlyList<byte[]?> values, out string? error)
    {
        ArgumentNullException.ThrowIfNull(values);
        error = null;
        if (values[0] is not { } metadataBytes)
        {
            return null;
        }

        try
        {
            StateMetadata metadata = StateMetadata.Parser.ParseFrom(metadataBytes);
            if (metadata.Datatype != LifecycleKeys.DefinitionDatatype)
            {
                error = $"not a chaincode type: {metadata.Datatype}";
                return null;
            }

            ChaincodeEndorsementInfo endorsement = ChaincodeEndorsementInfo.Parser.ParseFrom(BytesOf(values[2]));
            ChaincodeValidationInfo validation = ChaincodeValidationInfo.Parser.ParseFrom(BytesOf(values[3]));
            CollectionConfigPackage collections = CollectionConfigPackage.Parser.ParseFrom(BytesOf(values[4]));
            long sequence = values[1] is { } s ? StateData.Parser.ParseFrom(s).Int64 : 0;
            return new LifecycleDefinition(
                name, sequence, endorsement.Version, endorsement.EndorsementPlugin, validation.ValidationPlugin,
                validation.ValidationParameter, collections, endorsement.InitRequired);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"could not deserialize chaincode definition for chaincode {name}: {e.Message}";
            return null;
        }
    }

    /// <summary>The committed sequence from the Sequence field's value; 0 when nothing is committed.</summary>
    public static long DecodeSequence(byte[]? value) => value is null ? 0 : StateData.Parser.ParseFrom(value).Int64;

    private static ByteString BytesOf(byte[]? value) => value is null ? ByteString.Empty : StateData.Parser.ParseFrom(value).Bytes;
}

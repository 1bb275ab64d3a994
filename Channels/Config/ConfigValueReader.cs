using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Config;

/// <summary>Unmarshals config values by key, recording the first problem with its config path
/// (e.g. <c>/Channel/Orderer/BatchSize</c>) instead of throwing on foreign or corrupt bytes.</summary>
internal sealed class ConfigValueReader
{
    public string? Error { get; private set; }

    public void Fail(string message) => Error ??= message;

    /// <summary>The value at <paramref name="key"/>, or null when absent (and, if <paramref name="required"/>, an error).</summary>
    public T? Read<T>(ConfigGroup group, string path, string key, MessageParser<T> parser, bool required)
        where T : class, IMessage<T>
    {
        if (!group.Values.TryGetValue(key, out ConfigValue? value))
        {
            if (required)
            {
                Fail($"{path}/{key}: value is missing");
            }

            return null;
        }

        return Parse(value.Value, $"{path}/{key}", parser);
    }

    public T? Parse<T>(ByteString bytes, string what, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            Fail($"{what}: not a valid {typeof(T).Name}: {e.Message}");
            return null;
        }
    }

    public static IReadOnlyList<string> CapabilityNames(Capabilities? capabilities) =>
        capabilities is null ? [] : [.. capabilities.Capabilities_.Keys.Order(StringComparer.Ordinal)];
}

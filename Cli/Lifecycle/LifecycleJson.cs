using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary>Lifecycle results as JSON the way Fabric's <c>--output json</c> prints them: protobuf JSON with the
/// schema's snake_case field names.</summary>
internal static class LifecycleJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    public static string Format(IMessage message) => Formatter.Format(message);
}

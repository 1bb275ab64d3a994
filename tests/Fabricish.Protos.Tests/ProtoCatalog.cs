using System.Reflection;
using Google.Protobuf.Reflection;

namespace Fabricish.Protos.Tests;

/// <summary>Every message, enum and service compiled into Fabricish.Protos, read from the generated descriptors.</summary>
internal static class ProtoCatalog
{
    private static readonly Lazy<IReadOnlyList<FileDescriptor>> LazyFiles = new(() =>
        [.. typeof(Common.Block).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)]);

    public static IReadOnlyList<FileDescriptor> Files => LazyFiles.Value;

    public static IEnumerable<MessageDescriptor> Messages => Files.SelectMany(f => f.MessageTypes).SelectMany(WithNested);

    public static IEnumerable<EnumDescriptor> Enums =>
        Files.SelectMany(f => f.EnumTypes).Concat(Messages.SelectMany(m => m.EnumTypes));

    public static IEnumerable<ServiceDescriptor> Services => Files.SelectMany(f => f.Services);

    /// <summary>The gRPC path of a method, as sent in the HTTP/2 :path header.</summary>
    public static string PathOf(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";

    private static IEnumerable<MessageDescriptor> WithNested(MessageDescriptor message) =>
        message.GetOptions()?.MapEntry == true
            ? []
            : message.NestedTypes.SelectMany(WithNested).Prepend(message);
}

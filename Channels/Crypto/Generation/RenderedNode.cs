using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Crypto.Generation;

/// <summary>A node or user with its final common name, TLS SANs and NodeOU role.</summary>
public sealed record RenderedNode(string CommonName, IReadOnlyList<string> Sans, NodeRole Role);

namespace Fabricish.Channels.Config;

/// <summary>The <c>/Channel/Application</c> settings: the peer organizations and the enabled capabilities.</summary>
public sealed record ApplicationConfig(IReadOnlyList<string> Capabilities, IReadOnlyList<ApplicationOrgConfig> Organizations);

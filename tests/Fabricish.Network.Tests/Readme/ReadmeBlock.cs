namespace Fabricish.Network.Tests.Readme;

/// <summary>One <c>```sh</c> block of README.md: the section it stands in, the line its fence opens on, its text as
/// written, and whether the README marks it as a documented failure (<c>&lt;!-- readme-test: exits non-zero --&gt;</c>
/// on the line before the fence).</summary>
public sealed record ReadmeBlock(string Section, int Line, string Script, bool ExpectFailure)
{
    public override string ToString() => $"README.md:{Line} ({Section}){(ExpectFailure ? ", documented to fail" : "")}";
}

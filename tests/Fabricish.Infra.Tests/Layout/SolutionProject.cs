using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Fabricish.Infra.Tests.Layout;

/// <summary>A project of <c>Fabricish.sln</c> as its .csproj declares it: whether it is a program (an executable) and
/// which projects it references, by name.</summary>
internal sealed partial record SolutionProject(string Name, string RelativePath, bool IsProgram, IReadOnlyList<string> References)
{
    private const string Prefix = "Fabricish.";

    /// <summary>Product code: neither a test project nor a benchmark nor a sample.</summary>
    public bool IsProduct => !RelativePath.StartsWith("tests/", StringComparison.Ordinal)
        && !RelativePath.StartsWith("bench/", StringComparison.Ordinal)
        && !RelativePath.StartsWith("samples/", StringComparison.Ordinal);

    /// <summary>The name the README's dependency line uses: <c>Fabricish.Chaincode.Shim</c> is <c>Chaincode.Shim</c>.</summary>
    public static string ShortName(string projectName) =>
        projectName.StartsWith(Prefix, StringComparison.Ordinal) ? projectName[Prefix.Length..] : projectName;

    /// <summary>Every C# project the solution lists, read from its .csproj.</summary>
    public static IReadOnlyList<SolutionProject> ReadAll(string root)
    {
        string solution = File.ReadAllText(Path.Combine(root, "Fabricish.sln"));
        return [.. CSharpProject().Matches(solution).Select(m => Read(root, m.Groups["path"].Value.Replace('\\', '/')))];
    }

    private static SolutionProject Read(string root, string relativePath)
    {
        string path = Path.Combine(root, relativePath);
        XDocument project = XDocument.Load(path);
        bool isProgram = project.Descendants("OutputType").Any(e => string.Equals(e.Value.Trim(), "Exe", StringComparison.OrdinalIgnoreCase));
        string directory = Path.GetDirectoryName(path)!;
        string[] references = [.. project.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(Path.GetFullPath(Path.Combine(directory, e.Attribute("Include")!.Value.Replace('\\', '/')))))];
        return new SolutionProject(Path.GetFileNameWithoutExtension(path), relativePath, isProgram, references);
    }

    // The C# project type's GUID: solution folders are listed as projects too.
    [GeneratedRegex("""Project\("\{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC\}"\) = "[^"]+", "(?<path>[^"]+\.csproj)",""", RegexOptions.CultureInvariant)]
    private static partial Regex CSharpProject();
}

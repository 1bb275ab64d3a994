using Fabricish.Testing;

namespace Fabricish.Infra.Tests.Layout;

/// <summary>The project graph stays as the README documents it: product code never references a program (the orderer,
/// the peer, the CLI), and every reference points the documented way.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly IReadOnlyList<SolutionProject> Projects = SolutionProject.ReadAll(RepoPaths.Root);

    private static readonly DependencyLine Line = DependencyLine.FromReadme(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));

    [Fact]
    public void No_product_project_references_a_program_project()
    {
        HashSet<string> programs = [.. Projects.Where(p => p.IsProgram).Select(p => p.Name)];
        string[] offending = [.. Projects.Where(p => p.IsProduct)
            .SelectMany(p => p.References.Where(programs.Contains).Select(r => $"{p.Name} -> {r}"))];

        Assert.Contains("Fabricish.Orderer", programs);
        Assert.Contains("Fabricish.Peer", programs);
        Assert.Contains("Fabricish.Cli", programs);
        Assert.Empty(offending);
    }

    [Fact]
    public void Every_product_project_is_on_the_readme_dependency_line()
    {
        string[] missing = [.. Projects.Where(p => p.IsProduct).Select(p => SolutionProject.ShortName(p.Name)).Where(n => !Line.Contains(n))];

        Assert.True(missing.Length == 0, $"not on the README's dependency line ({Line.Text}): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_product_project_reference_points_the_way_the_readme_dependency_line_documents()
    {
        string[] against = [.. Projects.Where(p => p.IsProduct)
            .SelectMany(p => p.References
                .Where(r => !Line.Allows(SolutionProject.ShortName(p.Name), SolutionProject.ShortName(r)))
                .Select(r => $"{p.Name} -> {r}"))];

        Assert.True(against.Length == 0, $"against the README's dependency line ({Line.Text}): {string.Join(", ", against)}");
    }

    [Theory]
    [InlineData("Peer", "Hosting", true)]
    [InlineData("Peer", "Protos", true)]
    [InlineData("Cli", "Client", true)]
    [InlineData("Hosting", "Ledger", false)]
    [InlineData("Ledger", "Hosting", false)]
    [InlineData("Client", "Ledger", false)]
    [InlineData("Channels", "Peer", false)]
    [InlineData("Unknown", "Protos", false)]
    public void The_dependency_line_allows_only_references_to_projects_left_of_the_referrer(string project, string reference, bool allowed)
    {
        DependencyLine line = DependencyLine.Parse("Protos ← Channels ← {Ledger, Hosting} ← {Orderer, Endorser, Committer} ← Peer; Channels ← Client ← Cli.");

        Assert.Equal(allowed, line.Allows(project, reference));
    }
}

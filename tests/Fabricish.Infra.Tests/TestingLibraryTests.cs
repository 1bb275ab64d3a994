using System.Reflection;
using System.Xml.Linq;
using Fabricish.Testing;

namespace Fabricish.Infra.Tests;

/// <summary>The bench builds its networks with Fabricish.Testing, so that library must stay free of any test
/// framework, and the bench must not reach into test projects for anything else.</summary>
public sealed class TestingLibraryTests
{
    [Fact]
    public void Fabricish_Testing_references_no_test_framework()
    {
        AssemblyName[] references = typeof(TestNetwork).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, r => r.Name!.StartsWith("xunit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_bench_references_no_test_project()
    {
        string csproj = Path.Combine(RepoPaths.Root, "bench", "Fabricish.Benchmarks", "Fabricish.Benchmarks.csproj");
        IEnumerable<string> references = XDocument.Load(csproj).Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!);

        Assert.All(references, r => Assert.False(
            r.EndsWith(".Tests.csproj", StringComparison.Ordinal) || r.Contains("Fixtures", StringComparison.Ordinal),
            $"the bench references {r}: move what it needs into Fabricish.Testing"));
        Assert.Contains(references, r => r.EndsWith("Fabricish.Testing.csproj", StringComparison.Ordinal));
    }
}

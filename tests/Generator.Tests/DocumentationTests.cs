using System.Linq;
using System.Text.RegularExpressions;
using DslNet.Checks;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>docs/diagnostics.md and the release files list every rule, and each documented example does what it says.</summary>
public sealed class DocumentationTests
{
    private static readonly string Page = RepositoryFiles.Read("docs/diagnostics.md").Replace("\r\n", "\n");

    [Fact]
    public void Every_rule_is_documented_and_tracked()
    {
        var unshipped = RepositoryFiles.Read("src/Generator/Releases/AnalyzerReleases.Unshipped.md");
        foreach (var rule in ProblemCatalogue.All)
        {
            Assert.Contains($"## {rule.Id}\n", Page);
            Assert.Contains($"{rule.Id} | DslNet | {rule.Severity} | {rule.Title}", unshipped);
        }
    }

    [Fact]
    public void Each_wrong_example_raises_its_rule_and_each_fixed_example_raises_nothing()
    {
        var sections = Regex.Matches(Page, @"## (DN\d{4})\n.*?Wrong:\n\n```(\w+)\n(.*?)\n```\n\nFixed:\n\n```\w+\n(.*?)\n```", RegexOptions.Singleline);
        Assert.Equal(ProblemCatalogue.All.Count, sections.Count);
        foreach (Match section in sections)
        {
            string id = section.Groups[1].Value, language = section.Groups[2].Value;
            if (id is "DN0019" or "DN0032") continue; // need two files; TextDslTests and CrashTests cover them
            Assert.Contains(id, Ids(language, section.Groups[3].Value));
            Assert.Empty(Ids(language, section.Groups[4].Value));
        }
    }

    private static string[] Ids(string language, string example)
    {
        if (language == "csharp")
        {
            return GeneratorHarness.Diagnostics("using DslNet;\nnamespace Docs;\n" + example + "\n").Select(d => d.Id).ToArray();
        }
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/docs/Example.dnn", example)]);
        return result.Diagnostics.Select(d => d.Id).ToArray();
    }
}

using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>docs/graphs.md: its ResNet, U-Net and residual LSTM compile without a diagnostic, and its .dnn U-Net is the attribute one.</summary>
public sealed class GraphsPageTests
{
    private static readonly string Page = RepositoryFiles.Read("docs/graphs.md").Replace("\r\n", "\n");

    [Fact]
    public void The_page_networks_generate_without_a_diagnostic_and_the_text_twin_gives_the_same_code()
    {
        var declarations = Regex.Matches(Page, "```csharp\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(3, declarations.Length);
        foreach (var declaration in declarations)
        {
            string source = "using DslNet;\nnamespace Segmentation;\n" + declaration + "\n";
            Assert.Empty(GeneratorHarness.Diagnostics(source));
            var (_, output) = GeneratorHarness.Run(source);
            Assert.Empty(GeneratorHarness.Errors(output));
        }

        var text = Regex.Match(Page, "```text\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value;
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/docs/SmallUNet.dnn", text)]);
        Assert.Empty(fromText.Diagnostics);
        var (fromAttributes, _) = GeneratorHarness.Run("using DslNet;\nnamespace Segmentation;\n" + declarations[1] + "\n");
        Assert.Equal(Assert.Single(fromAttributes.GeneratedSources).SourceText.ToString(), Assert.Single(fromText.GeneratedSources).SourceText.ToString());
    }
}

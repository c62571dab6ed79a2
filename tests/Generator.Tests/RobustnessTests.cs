using System.Linq;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>Malformed declarations never crash the generator (a crash is only a CS8785 warning and missing code).</summary>
public sealed class RobustnessTests
{
    private const string Declaration = """
        using DslNet;
        namespace Examples;
        [Network]
        [Input(2, 3)]
        [Dense(5, Activation = Activation.ReLU, Name = "hidden")]
        [Dense(2, Activation = (Activation)9)]
        [Dense("x")]
        [Input]
        public partial class Messy<T> : Base { public Messy(int seed) { } }
        """;

    [Fact]
    public void Every_prefix_of_a_malformed_declaration_runs_without_exception()
    {
        for (int length = 0; length <= Declaration.Length; length++)
        {
            var (result, _) = GeneratorHarness.Run(Declaration.Substring(0, length));
            Assert.True(result.Exception is null, $"prefix of {length} characters: {result.Exception}");
        }
    }

    [Fact]
    public void An_attribute_that_does_not_bind_gives_a_stub_and_no_dslnet_error()
    {
        const string source = """
            using DslNet;
            namespace Examples;
            [Network]
            [Input(4)]
            [Dense("four")]
            public partial class Unbound { }
            """;
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(GeneratorHarness.Diagnostics(source));
        Assert.Contains("was not generated", Assert.Single(result.GeneratedSources).SourceText.ToString());
        Assert.Contains(GeneratorHarness.Errors(output), d => d.Id == "CS1503"); // the compiler's own error
    }
}

using System.Linq;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>Odd graph declarations: null, empty and repeated names, and every prefix of one, never crash the generator.</summary>
public sealed class GraphRobustnessTests
{
    private const string Declaration = """
        using DslNet;
        namespace Examples;
        [Network]
        [Input(4)]
        [Dense(4, Name = "a", From = "")]
        [Dense(4, From = null)]
        [Add()]
        [Add(null)]
        [Concatenate("a", null, "a")]
        [Add(new[] { "a", "dense2" }, Activation = Activation.Tanh)]
        [Flatten(From = "add6")]
        public partial class Odd { }
        """;

    [Fact]
    public void Every_prefix_of_an_odd_graph_runs_without_exception()
    {
        for (int length = 0; length <= Declaration.Length; length++)
        {
            var (result, _) = GeneratorHarness.Run(Declaration.Substring(0, length));
            Assert.True(result.Exception is null, $"prefix of {length} characters: {result.Exception}");
        }
    }

    [Fact]
    public void Odd_names_are_reported_where_they_are_written()
    {
        var found = GeneratorHarness.Diagnostics(Declaration).Select(d => (d.Id, Declaration.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))).ToArray();
        Assert.Equal(new[]
        {
            ("DN0033", "From = \"\""),
            ("DN0038", "Add()"),
            ("DN0038", "Add(null)"),
            ("DN0033", "null"),
        }, found);
    }

    [Fact]
    public void A_tensor_merged_with_itself_gets_both_gradients()
    {
        // Add("a", "a") is 2a: both contributions reach a, the second added to the first.
        var (result, output) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network]
            [Input(4)]
            [Dense(4, Activation = Activation.Tanh, Name = "a")]
            [Add("a", "a")]
            [Concatenate("add2", "add2")]
            public partial class Twice { }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Errors(output));
        string code = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("TensorPrimitives.Add(new global::System.Span<float>(_aGradient, 0, batch * 4), new global::System.Span<float>(_add2Gradient, 0, batch * 4), new global::System.Span<float>(_aGradient, 0, batch * 4));", code);
        Assert.Contains("global::DslNet.CompilerServices.ConcatenateLayer.InputGradient(delta, new global::System.Span<float>(_add2Gradient, 0, batch * 4), batch, 8, 4, 4, true);", code);
    }
}

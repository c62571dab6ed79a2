using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Generated layers call the runtime's kernels with one shape struct per distinct shape: layers with the same constants
/// share a struct (so the JIT compiles their code once), and each struct is declared once.
/// </summary>
public sealed class ProductShapeTests
{
    [Fact]
    public void Identical_layers_share_their_shape_structs()
    {
        const string source = """
            using DslNet;
            namespace Shapes;
            [Network]
            [Input(32)]
            [Dense(32, Activation = Activation.ReLU)]
            [Dense(32, Activation = Activation.ReLU)]
            [Dense(32, Activation = Activation.ReLU)]
            public partial class Repeated { }
            """;
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Empty(GeneratorHarness.Errors(output));
        string generated = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));

        var calls = Regex.Matches(generated, @"DenseLayer\.\w+<(DenseShape\d+)>").Select(m => m.Groups[1].Value).ToList();
        var declared = Regex.Matches(generated, @"private struct (\w+Shape\d+) : global::DslNet\.CompilerServices\.I\w+Shape").Select(m => m.Groups[1].Value).ToList();

        // Three layers, each a forward, a parameter gradient and an input gradient: one struct gives all nine their
        // constants (the runtime derives the three products from it).
        Assert.Equal(9, calls.Count);
        Assert.Equal(["DenseShape0"], declared);
        Assert.Equal(declared, calls.Distinct().OrderBy(name => name).ToList());
    }
}

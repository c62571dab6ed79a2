using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Generated products call the runtime's <c>MatMul.Multiply</c> with one shape struct per distinct product: products
/// with the same constants share a struct (so the JIT compiles their kernel once), and each struct is declared once.
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

        var calls = Regex.Matches(generated, @"MatMul\.Multiply<(MatMulShape\d+)>").Select(m => m.Groups[1].Value).ToList();
        var declared = Regex.Matches(generated, @"private struct (MatMulShape\d+) : global::DslNet\.CompilerServices\.IMatMulShape").Select(m => m.Groups[1].Value).ToList();

        // Three forward products, three weight gradients, three input gradients: one shape each for the three kinds.
        Assert.Equal(9, calls.Count);
        Assert.Equal(["MatMulShape0", "MatMulShape1", "MatMulShape2"], declared);
        Assert.Equal(declared, calls.Distinct().OrderBy(name => name).ToList());
    }
}

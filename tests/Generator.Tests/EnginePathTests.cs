using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Every code path of the generated kernels and of the runtime's kernels they call, whatever this machine's hardware:
/// the generated source is compiled four times, with the Vector512, the Vector256, the Vector128 or the scalar path
/// forced (the branches written out in the text, the calls of the runtime's kernels, <c>MatMul.Multiply</c>,
/// <c>PanelMatMul.Multiply</c> and <c>PackRight</c> and <c>Pooling.MaxForward</c> (Vector256 or scalar), redirected to that path's entry point,
/// and the runtime's layers with products, <c>DenseLayer</c>, <c>Conv2DLayer</c>, <c>RecurrentLayer</c> (its products and gate passes) and <c>AttentionLayer</c>, given that path's <c>IKernelPath</c>), and the four networks must agree on outputs and gradients. (Vector512 runs in software where AVX-512 is
/// missing: slow, but exact enough to check. Text written out has no Vector128 branch: there it takes the scalar one.)
/// </summary>
public sealed class EnginePathTests
{
    private const string Networks = """
        using DslNet;
        namespace Engines;
        [Network]
        [Input(13)]
        [Dense(70, Activation = Activation.ReLU)]
        [Dense(37, Activation = Activation.Tanh)]
        [Dense(6, Activation = Activation.Softmax)]
        public partial class Mlp { }

        [Network]
        [Input(3, 9, 11)]
        [Conv2D(20, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(6, 2, Stride = 2, Activation = Activation.Sigmoid)]
        [Flatten]
        [Dense(5)]
        public partial class Cnn { }

        // Weights over 1 MB: every product from column panels, with narrow last panels (1030 = 64 × 16 + 6 columns).
        [Network]
        [Input(256)]
        [Dense(1030, Activation = Activation.ReLU)]
        [Dense(3)]
        public partial class Panels { }

        // The recurrent gate passes: 19, 11 and 13 units leave a tail on every vector path.
        [Network]
        [SequenceInput(5)]
        [Lstm(19, ReturnSequences = true)]
        [Gru(11, ReturnSequences = true)]
        [SimpleRnn(13)]
        [Dense(4)]
        public partial class Recurrent { }

        // The transformer layers (an embedding's ids would not survive random inputs): width 20, heads of 5 and 10 (each
        // leaving a tail after four lanes), a feed-forward of 36.
        [Network]
        [SequenceInput(20)]
        [PositionalEncoding(Learned = true, MaxLength = 6)]
        [TransformerBlock(heads: 4, FeedForward = 36, Causal = true)]
        [LayerNorm]
        [MultiHeadSelfAttention(heads: 2)]
        [Dense(3)]
        public partial class Transformer { }
        """;

    [Theory]
    [InlineData("Engines.Mlp")]
    [InlineData("Engines.Cnn")]
    [InlineData("Engines.Panels")]
    [InlineData("Engines.Recurrent")]
    [InlineData("Engines.Transformer")]
    public void Vector512_Vector256_Vector128_and_scalar_paths_agree(string typeName)
    {
        var generated = GeneratorHarness.Run(Networks).Result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray();
        var wide = Load(generated, "Vector512", typeName);
        var narrow = Load(generated, "Vector256", typeName);
        var neon = Load(generated, "Vector128", typeName);
        var scalar = Load(generated, "Scalar", typeName);

        // 17 rows: the forward's panels start at 16 rows (the runtime's DenseProductRules.MinPanelRows).
        foreach (int batch in new[] { 1, 6, 17 })
        {
            var input = Random(batch * wide.InputSize, 1);
            var outputGradient = Random(batch * wide.OutputSize, 2);
            var reference = Run(scalar, input, outputGradient, batch);
            foreach (var (name, network) in new[] { ("Vector512", wide), ("Vector256", narrow), ("Vector128", neon) })
            {
                var result = Run(network, input, outputGradient, batch);
                for (int part = 0; part < 3; part++)
                {
                    for (int i = 0; i < reference[part].Length; i++)
                    {
                        Assert.True(Math.Abs(reference[part][i] - result[part][i]) <= 1e-4 * Math.Max(1, Math.Abs(reference[part][i])),
                            $"{typeName}, {name}, batch {batch}, {(part == 0 ? "output" : part == 1 ? "input gradient" : "parameter gradient")}[{i}]: scalar {reference[part][i]}, {name} {result[part][i]}");
                    }
                }
            }
        }
    }

    private static float[][] Run(INetwork network, float[] input, float[] outputGradient, int batch)
    {
        var output = new float[batch * network.OutputSize];
        var inputGradient = new float[input.Length];
        network.ZeroGradients();
        network.Forward(input, output, batch, training: true);
        network.Backward(outputGradient, inputGradient, batch);
        return [output, inputGradient, network.Gradients.ToArray()];
    }

    /// <summary>Compiles the generated code with one path forced and creates the network with seed 3.</summary>
    private static INetwork Load(string[] generated, string path, string typeName)
    {
        // Forcing a path means redirecting the kernel calls: a change in how they are written must fail here, not pass unforced.
        foreach (string kernel in KernelCalls) Assert.Contains(generated, s => s.Contains(kernel));
        var sources = generated
            .Select(s =>
            {
                string forced = LayerCall.Replace(KernelCall.Replace(
                    s.Replace("if (Vector512.IsHardwareAccelerated)", $"if ({(path == "Vector512" ? "true" : "false")})")
                     .Replace("else if (Vector256.IsHardwareAccelerated)", $"else if ({(path == "Vector256" ? "true" : "false")})"),
                    $"$1{path}<"), $"$1<$2, global::DslNet.CompilerServices.{path}Path>(");
                // Max pooling has a Vector256 path and a scalar one: the wider paths take the first, the narrower the second.
                return forced.Replace("Pooling.MaxForward<", path is "Vector512" or "Vector256" ? "Pooling.MaxForwardVector256<" : "Pooling.MaxForwardScalar<");
            })
            .Prepend(Networks)
            .ToArray();
        var compilation = GeneratorHarness.Compile(sources).WithOptions(
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext(typeName + path, isCollectible: true).LoadFromStream(stream);
        var type = assembly.GetType(typeName)!;
        // A sequence network's constructor takes its time steps first: 4 here.
        bool sequence = typeof(ISequenceNetwork).IsAssignableFrom(type);
        return (INetwork)(sequence ? Activator.CreateInstance(type, 4, 3, 8) : Activator.CreateInstance(type, 3, 8))!;
    }

    // Each runtime kernel the networks above call, by its dispatching entry point; each has one entry point per path,
    // named with the path as a suffix (MatMul.MultiplyVector128, PanelMatMul.PackRightScalar, …), or a layer taking an IKernelPath.
    private static readonly string[] KernelCalls =
    [
        "global::DslNet.CompilerServices.DenseLayer.Forward<",
        "global::DslNet.CompilerServices.DenseLayer.ParameterGradients<",
        "global::DslNet.CompilerServices.DenseLayer.InputGradient<",
        "global::DslNet.CompilerServices.Conv2DLayer.Forward<",
        "global::DslNet.CompilerServices.Conv2DLayer.ParameterGradients<",
        "global::DslNet.CompilerServices.Conv2DLayer.InputGradient<",
        "global::DslNet.CompilerServices.AttentionLayer.Forward<",
        "global::DslNet.CompilerServices.AttentionLayer.ParameterGradients<",
        "global::DslNet.CompilerServices.AttentionLayer.InputGradient<",
        "global::DslNet.CompilerServices.Pooling.MaxForward<",
        "global::DslNet.CompilerServices.RecurrentLayer.Forward<",
        "global::DslNet.CompilerServices.RecurrentLayer.ParameterGradients<",
        "global::DslNet.CompilerServices.RecurrentLayer.InputGradient<",
    ];

    // The runtime's layers with products (DenseLayer, Conv2DLayer, RecurrentLayer, AttentionLayer) take the path as a second type argument for their products (and RecurrentLayer's gate passes).
    private static readonly Regex LayerCall = new(@"(global::DslNet\.CompilerServices\.(?:DenseLayer|Conv2DLayer|RecurrentLayer|AttentionLayer)\.(?:Forward|FoldedForward|ParameterGradients|InputGradient))<(\w+)>\(");

    private static readonly Regex KernelCall = new(@"(global::DslNet\.CompilerServices\.(?:MatMul\.Multiply|PanelMatMul\.(?:Multiply|PackRight)))<");

    private static float[] Random(int length, int seed)
    {
        var random = new FastRandom(seed);
        return Enumerable.Range(0, length).Select(_ => 2 * random.NextFloat() - 1).ToArray();
    }
}

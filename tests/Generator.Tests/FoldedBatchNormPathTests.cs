using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// A BatchNorm folded into the inference pass of the Conv2D or Dense layer before it, on every kernel path whatever
/// this machine's hardware: the generated source is compiled with the Vector512, Vector256, Vector128 or scalar path
/// forced, as <see cref="EnginePathTests"/> does for training (the runtime's folded passes given that path's
/// <c>IKernelPath</c>), and with the guard of the pass fused with the pooling forced (on for the vector paths; off for
/// the scalar path, which then takes the folded pass and the pooling apart). The direct convolutions inside the runtime
/// follow this machine; Conv2DFoldedForwardTests check their scaled store on both widths. Each inference output must
/// match the unfolded layers computed in double precision.
/// </summary>
public sealed class FoldedBatchNormPathTests
{
    private const string Networks = """
        using DslNet;
        namespace Folded;

        // Convolution, BatchNorm (ReLU) and 2×2 max pooling in one pass (9 filters: an overlapping last vector), then a
        // Dense layer with its BatchNorm.
        [Network]
        [Input(2, 10, 12)]
        [Conv2D(9, 3)]
        [BatchNorm(Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(7)]
        [BatchNorm(Epsilon = 1e-3)]
        [Dense(3)]
        public partial class ConvPool { }

        // The direct convolution without pooling, output rows of 11 (a tail vector), and a tanh after the BatchNorm.
        [Network]
        [Input(3, 6, 13)]
        [Conv2D(10, 3)]
        [BatchNorm(Activation = Activation.Tanh)]
        [Flatten]
        [Dense(4)]
        public partial class Direct { }

        // Weights over 1 MB: the product from column panels from 16 rows on, narrow last panels.
        [Network]
        [Input(256)]
        [Dense(1030)]
        [BatchNorm(Activation = Activation.ReLU)]
        [Dense(3)]
        public partial class Panels { }
        """;

    /// <summary>The layers of each network for the reference, in order; conv and dense layers' parameters precede their BatchNorm's.</summary>
    private static readonly Dictionary<string, (int[] Input, string[] Layers)> References = new()
    {
        ["Folded.ConvPool"] = ([2, 10, 12], ["conv 9 3", "norm 1e-5 relu", "maxpool", "dense 7", "norm 1e-3 linear", "dense 3"]),
        ["Folded.Direct"] = ([3, 6, 13], ["conv 10 3", "norm 1e-5 tanh", "dense 4"]),
        ["Folded.Panels"] = ([256], ["dense 1030", "norm 1e-5 relu", "dense 3"]),
    };

    [Theory]
    [InlineData("Folded.ConvPool")]
    [InlineData("Folded.Direct")]
    [InlineData("Folded.Panels")]
    public void Every_path_matches_the_unfolded_layers(string typeName)
    {
        var generated = GeneratorHarness.Run(Networks).Result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray();
        // The folded passes must be there, or the forcing below proves nothing.
        Assert.Contains(generated, s => s.Contains("global::DslNet.CompilerServices.DenseLayer.FoldedForward<") && s.Contains("global::DslNet.CompilerServices.Conv2DLayer.FoldedForward<")
            && s.Contains("if (!training && Vector256.IsHardwareAccelerated) global::DslNet.CompilerServices.Conv2DLayer.FoldedPooledForward<"));
        foreach (string path in new[] { "Vector512", "Vector256", "Vector128", "Scalar" })
        {
            var network = Load(generated, path, typeName);
            var random = new Random(17);
            Randomise(network, random);
            foreach (int batch in new[] { 1, 6, 17 })
            {
                var input = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
                var output = new float[batch * network.OutputSize];
                network.Forward(input, output, batch);
                for (int b = 0; b < batch; b++)
                {
                    var expected = Reference(network, typeName, input.Skip(b * network.InputSize).Take(network.InputSize).Select(v => (double)v).ToArray());
                    for (int j = 0; j < expected.Length; j++)
                    {
                        double actual = output[b * network.OutputSize + j];
                        Assert.True(Math.Abs(expected[j] - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])),
                            $"{typeName}, {path}, batch {batch}, output[{b}, {j}]: reference {expected[j]}, {path} {actual}");
                    }
                }
            }
        }
    }

    /// <summary>Gains of both signs (a negative scale reverses the pooling's order), and every bias and running statistic away from its start.</summary>
    private static void Randomise(INetwork network, Random random)
    {
        var p = network.Parameters;
        foreach (var slice in network.Layout)
        {
            for (int i = slice.Offset; i < slice.Offset + slice.Length; i++)
            {
                p[i] = slice.Name switch
                {
                    "gain" => (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble())),
                    "runningMean" => (float)(random.NextDouble() - 0.5),
                    "runningVariance" => (float)(0.2 + 2 * random.NextDouble()),
                    "bias" => (float)(random.NextDouble() - 0.5),
                    _ => p[i],
                };
            }
        }
    }

    /// <summary>One sample through the unfolded layers in double precision: convolution, BatchNorm with the running statistics, activation, pooling, Dense.</summary>
    private static double[] Reference(INetwork network, string typeName, double[] x)
    {
        var (shape, layers) = References[typeName];
        var p = network.Parameters.ToArray();
        var slices = network.Layout.ToList();
        int next = 0;
        int[] dims = shape;
        foreach (string layer in layers)
        {
            var words = layer.Split(' ');
            switch (words[0])
            {
                case "conv":
                {
                    int filters = int.Parse(words[1]), k = int.Parse(words[2]);
                    int c = dims[0], h = dims[1], w = dims[2], oh = h - k + 1, ow = w - k + 1;
                    int weights = slices[next++].Offset, bias = slices[next++].Offset;
                    var y = new double[filters * oh * ow];
                    for (int f = 0; f < filters; f++)
                    for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = p[bias + f];
                        for (int ci = 0; ci < c; ci++)
                        for (int ky = 0; ky < k; ky++)
                        for (int kx = 0; kx < k; kx++)
                        {
                            sum += p[weights + ((ci * k + ky) * k + kx) * filters + f] * x[(ci * h + oy + ky) * w + ox + kx];
                        }
                        y[(f * oh + oy) * ow + ox] = sum;
                    }
                    (x, dims) = (y, [filters, oh, ow]);
                    break;
                }
                case "norm":
                {
                    double epsilon = double.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
                    int gain = slices[next].Offset, bias = slices[next + 1].Offset, mean = slices[next + 2].Offset, variance = slices[next + 3].Offset;
                    next += 4;
                    int channels = dims[0], positions = x.Length / channels;
                    for (int ch = 0; ch < channels; ch++)
                    for (int i = ch * positions; i < (ch + 1) * positions; i++)
                    {
                        double z = p[gain + ch] * (x[i] - p[mean + ch]) / Math.Sqrt(p[variance + ch] + epsilon) + p[bias + ch];
                        x[i] = words[2] switch { "relu" => Math.Max(0, z), "tanh" => Math.Tanh(z), _ => z };
                    }
                    break;
                }
                case "maxpool":
                {
                    int c = dims[0], h = dims[1], w = dims[2], ph = h / 2, pw = w / 2;
                    var y = new double[c * ph * pw];
                    for (int ch = 0; ch < c; ch++)
                    for (int py = 0; py < ph; py++)
                    for (int px = 0; px < pw; px++)
                    {
                        double Value(int dy, int dx) => x[(ch * h + 2 * py + dy) * w + 2 * px + dx];
                        y[(ch * ph + py) * pw + px] = Math.Max(Math.Max(Value(0, 0), Value(0, 1)), Math.Max(Value(1, 0), Value(1, 1)));
                    }
                    (x, dims) = (y, [c, ph, pw]);
                    break;
                }
                default:
                {
                    int units = int.Parse(words[1]);
                    int weights = slices[next++].Offset, bias = slices[next++].Offset;
                    var y = new double[units];
                    for (int j = 0; j < units; j++)
                    {
                        double sum = p[bias + j];
                        for (int i = 0; i < x.Length; i++) sum += x[i] * p[weights + i * units + j];
                        y[j] = sum;
                    }
                    (x, dims) = (y, [units]);
                    break;
                }
            }
        }
        if (next != slices.Count) throw new InvalidOperationException($"{typeName}: the reference read {next} of {slices.Count} parameter slices.");
        return x;
    }

    /// <summary>Compiles the generated code with one path forced and creates the network with seed 3.</summary>
    private static INetwork Load(string[] generated, string path, string typeName)
    {
        bool vector = path != "Scalar";
        var sources = generated
            .Select(s =>
            {
                string forced = s.Replace("if (Vector512.IsHardwareAccelerated)", $"if ({(path == "Vector512" ? "true" : "false")})")
                    .Replace("else if (Vector256.IsHardwareAccelerated)", $"else if ({(path == "Vector256" ? "true" : "false")})")
                    // What is left of Vector256 guards the convolution fused with its BatchNorm and its pooling.
                    .Replace("Vector256.IsHardwareAccelerated", vector ? "true" : "false");
                forced = KernelCall.Replace(forced, $"$1{path}<");
                forced = FoldedLayerCall.Replace(forced, $"$1<$2, global::DslNet.CompilerServices.{path}Path>(");
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
        return (INetwork)Activator.CreateInstance(assembly.GetType(typeName)!, 3, 8)!;
    }

    private static readonly Regex KernelCall = new(@"(global::DslNet\.CompilerServices\.(?:MatMul\.Multiply|PanelMatMul\.(?:Multiply|PackRight)|DotProductMatMul\.Multiply))<");

    // The folded passes of a Dense layer and a convolution are the runtime's DenseLayer.FoldedForward and
    // Conv2DLayer.FoldedForward, which take the path as a second type argument.
    private static readonly Regex FoldedLayerCall = new(@"(global::DslNet\.CompilerServices\.(?:DenseLayer|Conv2DLayer)\.FoldedForward)<(\w+)>\(");

}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using DslNet.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.Generator.Tests;

/// <summary>
/// Ten thousand random networks declared as attributes (random layer kinds, options and integer arguments: 0, negatives,
/// int.MaxValue, sizes whose products overflow) through the generator: it never throws, and what it generates compiles:
/// every distinct stub, and one full network in <see cref="FullCompileInterval"/> (binding a full network's code is slow).
/// Errors in the user's own declarations (an argument the compiler rejects) are expected; an error located in a
/// generated file is a generator bug. Seeded: a failure names the declaration, and the same seed reproduces it.
/// </summary>
public sealed class AttributeFuzzTests(ITestOutputHelper output)
{
    private const int Networks = 10_000;
    private const int NetworksPerCompilation = 250;
    private const int FullCompileInterval = 32;

    private static readonly string[] Activations =
        ["Activation.Linear", "Activation.ReLU", "Activation.Sigmoid", "Activation.Tanh", "Activation.Softmax", "(Activation)9", "(Activation)(-1)"];

    private static readonly string[] Losses =
        ["LossKind.None", "LossKind.MeanSquaredError", "LossKind.BinaryCrossEntropy", "LossKind.SoftmaxCrossEntropy", "(LossKind)7"];

    // Layer sequences that make sense, so that a good share of the random networks is valid and compiles as full code.
    private static readonly string[][] Shapes =
    [
        ["Input", "Dense", "Dense", "Dense"],
        ["Input", "Dense", "Dropout", "Dense", "LayerNorm", "Dense"],
        ["Input3", "Conv2D", "MaxPool2D", "Conv2D", "AvgPool2D", "Flatten", "Dense"],
        ["Input3", "Conv2D", "Conv2D", "Flatten", "Dropout", "Dense"],
        ["Input3", "Conv2D", "Flatten", "Dense"],
        ["Input3", "Conv2D", "GlobalAveragePool2D", "Dense"],
        ["Input3", "Conv2D", "Upsample2D", "Conv2D", "Flatten", "Dense"],
        ["Input3", "ConvTranspose2D", "Conv2D", "ConvTranspose2D", "Flatten", "Dense"],
        ["Input3", "Conv2D", "BatchNorm", "Flatten", "Dense", "BatchNorm", "Dense"],
        ["SequenceInput0", "Embedding", "Lstm", "Dense"],
        ["SequenceInput0", "Embedding", "SimpleRnn", "SimpleRnn", "Dense"],
        ["SequenceInput1", "Lstm", "Dense"],
        ["SequenceInput1", "Gru", "Gru", "Dense"],
        ["SequenceInput0", "Embedding", "PositionalEncoding", "MultiHeadSelfAttention", "LayerNorm", "Dense"],
        ["SequenceInput0", "Embedding", "PositionalEncoding", "TransformerBlock", "Dense"],
        ["SequenceInput3", "Conv2D", "Flatten", "Lstm", "Dense"],
    ];

    private static readonly string[] Kinds =
    [
        "Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "GlobalAveragePool2D", "Upsample2D", "ConvTranspose2D", "BatchNorm", "Flatten", "Dropout", "Embedding", "SimpleRnn", "Lstm", "Gru",
        "LayerNorm", "PositionalEncoding", "MultiHeadSelfAttention", "TransformerBlock", "Input", "SequenceInput",
    ];

    [Fact]
    public async System.Threading.Tasks.Task Ten_thousand_random_attribute_networks_never_throw_and_generate_code_that_compiles()
    {
        var random = new Random(20261207);
        var clock = Stopwatch.StartNew();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer());
        int full = 0, stubs = 0, refused = 0, compiled = 0;
        TimeSpan runTime = TimeSpan.Zero, checkTime = TimeSpan.Zero, analyzerTime = TimeSpan.Zero;
        var stubShapes = new HashSet<string>();
        for (int first = 0; first < Networks; first += NetworksPerCompilation)
        {
            var declarations = Enumerable.Range(first, NetworksPerCompilation).Select(i => RandomNetwork(random, i)).ToList();
            string source = "using DslNet;\nnamespace Fuzz;\n" + string.Join("\n", declarations) + "\n";
            var tRun = clock.Elapsed;
            var (result, compilation) = GeneratorHarness.Run(source);
            runTime += clock.Elapsed - tRun;
            if (result.Exception is not null)
            {
                // Run the batch's networks one by one to name the one that throws.
                var culprit = declarations.FirstOrDefault(d => GeneratorHarness.Run("using DslNet;\nnamespace Fuzz;\n" + d + "\n").Result.Exception is not null);
                Assert.Fail($"the generator threw on networks {first}..{first + NetworksPerCompilation - 1}:\n{result.Exception}\n{culprit ?? source}");
            }
            refused += NetworksPerCompilation - result.GeneratedSources.Length;

            foreach (var file in result.GeneratedSources)
            {
                int index = int.Parse(file.HintName.Split('.')[1].Substring(1), CultureInfo.InvariantCulture);
                string text = file.SourceText.ToString();
                bool isStub = text.Contains("was not generated");
                if (isStub) stubs++;
                else full++;

                // A stub depends on the class name alone: one of each shape is enough. A full network's code is large
                // and slow to bind, so every FullCompileInterval-th one is compiled.
                bool check = isStub ? stubShapes.Add(text.Replace($"N{index}", "N")) : full % FullCompileInterval == 1;
                if (!check) continue;
                compiled++;
                var tCheck = clock.Elapsed;
                var errors = compilation.GetSemanticModel(file.SyntaxTree).GetDiagnostics()
                    .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == file.SyntaxTree).ToList();
                checkTime += clock.Elapsed - tCheck;
                Assert.True(errors.Count == 0,
                    $"{errors.Count} error(s) in {file.HintName}, first: {errors.FirstOrDefault()}\n{declarations[index - first]}");
            }

            if (first % (NetworksPerCompilation * 4) == 0) // the analyzer is slower: one batch in four, without the generated code
            {
                var tAnalyzer = clock.Elapsed;
                var analyzerCrashes = (await GeneratorHarness.Compile(source).WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync())
                    .Where(d => d.Id == "AD0001").ToList();
                Assert.True(analyzerCrashes.Count == 0, string.Join("\n", analyzerCrashes));
                analyzerTime += clock.Elapsed - tAnalyzer;
            }
        }
        output.WriteLine(
            $"{Networks:N0} attribute networks: {full:N0} full, {stubs:N0} stubs, {refused:N0} without code; {compiled} generated files compiled; {clock.Elapsed.TotalSeconds:F1} s (generator {runTime.TotalSeconds:F1} s, compiling {checkTime.TotalSeconds:F1} s, analyzer {analyzerTime.TotalSeconds:F1} s)");
        Assert.True(full > Networks / 100, $"only {full} networks were valid; the fuzzer should reach the emitters");
        Assert.True(stubs > Networks / 2, $"only {stubs} networks had errors; the fuzzer should reach the checks");
    }

    /// <summary>One <c>[Network] partial class N{index}</c>: a sensible shape with random arguments, or random kinds.</summary>
    private static string RandomNetwork(Random random, int index)
    {
        var text = new StringBuilder();
        text.Append(random.Next(4) == 0 ? $"[Network(Loss = {Pick(random, Losses)})]" : "[Network]");
        // A sensible shape with tame sizes (mostly valid: the emitters); the same with exactly one wild size (a valid
        // network but for one extreme value); the same with one size in six wild; random layer kinds (wrong ranks, orders).
        int mode = random.Next(16);
        var sizes = mode switch
        {
            0 => new RandomSizes(random, WildOneIn: int.MaxValue, WildAt: -1),
            < 6 => new RandomSizes(random, WildOneIn: int.MaxValue, WildAt: random.Next(8)),
            < 11 => new RandomSizes(random, WildOneIn: 6, WildAt: -1),
            _ => new RandomSizes(random, WildOneIn: 2, WildAt: -1),
        };
        IEnumerable<string> kinds = mode < 11
            ? Shapes[random.Next(Shapes.Length)]
            : new[] { random.Next(2) == 0 ? "Input" + random.Next(4) : "SequenceInput" + random.Next(4) }
                .Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick(random, Kinds)));
        foreach (var kind in kinds)
        {
            text.Append('\n').Append(Attribute(random, kind, sizes));
        }
        text.Append($"\npublic partial class N{index} {{ }}");
        return text.ToString();
    }

    private static string Attribute(Random random, string kind, RandomSizes sizes)
    {
        var options = new List<string>();
        void Maybe(string option, int oneIn = 3)
        {
            if (random.Next(oneIn) == 0) options.Add(option);
        }
        string head = kind switch
        {
            "Input" or "Input1" => $"Input({sizes.Many(1)})",
            "Input0" or "SequenceInput0" => kind.StartsWith("Sequence") ? "SequenceInput" : "Input",
            "Input2" => $"Input({sizes.Many(2)})",
            "Input3" => $"Input({sizes.Many(3)})",
            "SequenceInput" or "SequenceInput1" => $"SequenceInput({sizes.Many(1)})",
            "SequenceInput2" => $"SequenceInput({sizes.Many(2)})",
            "SequenceInput3" => $"SequenceInput({sizes.Many(3)})",
            "Dense" => $"Dense({sizes.Next()}",
            "Conv2D" or "ConvTranspose2D" => $"{kind}({sizes.Next()}, {sizes.Next()}",
            "MaxPool2D" or "AvgPool2D" or "Upsample2D" => $"{kind}({sizes.Next()}",
            "Dropout" => $"Dropout({Pick(random, ["0", "0.25", "0.5", "0.999", "1", "-0.5", "double.NaN", "double.PositiveInfinity"])}",
            "Embedding" => $"Embedding({sizes.Next()}, {sizes.Next()}",
            "SimpleRnn" or "Lstm" or "Gru" => $"{kind}({sizes.Next()}",
            "MultiHeadSelfAttention" or "TransformerBlock" => $"{kind}({sizes.Next()}",
            _ => kind,
        };
        if (head.EndsWith(")") || !head.Contains('(')) // an input, or a layer without constructor arguments
        {
            if (head.StartsWith("Input") || head.StartsWith("SequenceInput")) return "[" + head + "]";
            if (random.Next(5) == 0) head += $"(Name = \"{Pick(random, ["a", "b", "_x1", "bad name", "é", ""])}\")";
            else if (kind == "PositionalEncoding")
            {
                Maybe("Learned = true", 2);
                Maybe($"MaxLength = {sizes.Next()}");
                if (options.Count > 0) head += "(" + string.Join(", ", options) + ")";
            }
            return "[" + head + "]";
        }
        switch (kind)
        {
            case "Dense":
                Maybe($"Activation = {Pick(random, Activations)}", 2);
                break;
            case "Conv2D":
                Maybe($"Stride = {sizes.Next()}", 2);
                Maybe($"Padding = {Pick(random, ["Padding.Valid", "Padding.Same", "Padding.Same", "(Padding)5"])}", 2);
                Maybe($"PaddingSize = {Pick(random, ["0", "1", "2", "-1", "int.MaxValue"])}", 3);
                Maybe($"Activation = {Pick(random, Activations)}");
                break;
            case "BatchNorm":
                Maybe($"Momentum = {Pick(random, ["0", "0.1", "1", "-0.5", "2", "double.NaN"])}", 2);
                Maybe($"Epsilon = {Pick(random, ["1e-5", "1e-3", "0", "-1", "double.PositiveInfinity"])}", 2);
                break;
            case "ConvTranspose2D":
                Maybe($"Stride = {sizes.Next()}", 2);
                Maybe($"Padding = {Pick(random, ["0", "1", "2", "-1", "int.MaxValue"])}", 2);
                Maybe($"Activation = {Pick(random, Activations)}");
                break;
            case "MaxPool2D" or "AvgPool2D":
                Maybe($"Stride = {sizes.Next()}");
                break;
            case "SimpleRnn" or "Lstm" or "Gru":
                Maybe("ReturnSequences = true", 2);
                Maybe("Stateful = true", 4);
                break;
            case "MultiHeadSelfAttention":
                Maybe("Causal = true", 2);
                Maybe($"ModelDimension = {sizes.Next()}", 4);
                break;
            case "TransformerBlock":
                Maybe($"FeedForward = {sizes.Next()}");
                Maybe($"Activation = {Pick(random, Activations)}", 4);
                Maybe("Causal = true", 2);
                Maybe($"ModelDimension = {sizes.Next()}", 4);
                break;
        }
        Maybe($"Name = \"{Pick(random, ["a", "b", "_x1", "bad name", "é", ""])}\"", 6);
        return "[" + head + string.Concat(options.Select(o => ", " + o)) + ")]";
    }

    /// <summary>
    /// The integer arguments of one network: small sizes, and wild ones (0, a negative, int.MaxValue, a size whose
    /// products overflow) one time in <paramref name="WildOneIn"/>, or exactly at argument number <paramref name="WildAt"/>.
    /// </summary>
    private sealed record RandomSizes(Random Random, int WildOneIn, int WildAt)
    {
        private int _count;

        public string Next() => _count++ == WildAt || Random.Next(WildOneIn) == 0 ? Wild() : Random.Next(1, 17).ToString(CultureInfo.InvariantCulture);

        public string Many(int count) => string.Join(", ", Enumerable.Range(0, count).Select(_ => Next()));

        private string Wild() => Random.Next(100) switch
        {
            < 15 => Random.Next(17, 65).ToString(CultureInfo.InvariantCulture),
            < 30 => "0",
            < 45 => (-Random.Next(1, 5)).ToString(CultureInfo.InvariantCulture),
            < 70 => "int.MaxValue",
            < 80 => "int.MinValue",
            _ => Pick(Random, ["4096", "46341", "65536", "1 << 20", "16777216", "1000000"]),
        };
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}

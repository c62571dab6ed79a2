using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DslNet.Bench.Output;
using DslNet.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslNet.Bench.Workloads;

/// <summary>
/// G1: the generator's own time for a 20-layer Dense network (256 wide), run in-process with a fresh
/// <see cref="CSharpGeneratorDriver"/> each time, as a clean build runs it. The first run (generator and
/// Roslyn code not yet jitted) is reported apart from the warm median. Also checks the output compiles.
/// </summary>
internal static class GeneratorWorkload
{
    private const int Layers = 20;
    private const int Width = 256;

    public static void Run(BenchOptions options)
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "GeneratorBench",
            [CSharpSyntaxTree.ParseText(Declaration(), parseOptions, path: "Deep20.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        long start = Stopwatch.GetTimestamp();
        var (output, generated) = RunOnce(compilation, parseOptions);
        double coldMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        int errors = output.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

        var times = new List<double>();
        var settings = options.Settings;
        long began = Stopwatch.GetTimestamp();
        // Warm-up, then repetitions of one generator run each (a run is long enough to time on its own).
        while (Stopwatch.GetElapsedTime(began).TotalSeconds < settings.WarmupSeconds) RunOnce(compilation, parseOptions);
        for (int i = 0; i < Math.Max(settings.Repetitions, 9); i++)
        {
            start = Stopwatch.GetTimestamp();
            RunOnce(compilation, parseOptions);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        double median = times[times.Count / 2];

        new JsonLine("G1")
            .Add("metric", "ms")
            .Add("value", median, 4)
            .Add("threads", 1L)
            .Add("peer", "dslnet")
            .Add("name", $"generator-{Layers}-dense")
            .Add("min", times[0], 4)
            .Add("max", times[^1], 4)
            .Add("spread_pct", (times[^1] - times[0]) / median * 100, 3)
            .Add("reps", (long)times.Count)
            .Add("cold_ms", coldMs, 4)
            .Add("generated_lines", (long)generated.Split('\n').Length)
            .Add("generated_chars", (long)generated.Length)
            .Add("compile_errors", (long)errors)
            .Print();
    }

    private static (Compilation Output, string Generated) RunOnce(CSharpCompilation compilation, CSharpParseOptions parseOptions)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException("The generator failed.", result.Exception);
        return (output, string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    /// <summary>256 inputs, 19 ReLU layers of 256, a softmax layer of 10: 20 Dense layers.</summary>
    private static string Declaration()
    {
        var text = new StringBuilder("using DslNet;\nnamespace GeneratorBench;\n[Network]\n");
        text.Append("[Input(").Append(Width).Append(")]\n");
        for (int i = 0; i < Layers - 1; i++) text.Append("[Dense(").Append(Width).Append(", Activation = Activation.ReLU)]\n");
        text.Append("[Dense(10, Activation = Activation.Softmax)]\npublic partial class Deep20 { }\n");
        return text.ToString();
    }

    // The framework, the attributes, the runtime and Tensors: what a project using DslNet compiles against.
    private static MetadataReference[] References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(NetworkAttribute).Assembly.Location);
        paths.Add(typeof(INetwork).Assembly.Location);
        paths.Add(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}

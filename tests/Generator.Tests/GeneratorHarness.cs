using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using DslNet.Generator.Diagnostics;

namespace DslNet.Generator.Tests;

/// <summary>Runs <see cref="NetworkGenerator"/> in-process over source text, with step tracking on.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(NetworkAttribute).Assembly.Location);
        paths.Add(typeof(INetwork).Assembly.Location);
        paths.Add(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "DslNetGeneratorTests",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(params AdditionalText[] additionalTexts) => CSharpGeneratorDriver.Create(
        new[] { new NetworkGenerator().AsSourceGenerator() },
        additionalTexts: additionalTexts,
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated code added.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>Runs the generator over .dnn files (and optional C# sources).</summary>
    public static (GeneratorRunResult Result, Compilation Output) RunText(AdditionalText[] files, params string[] sources)
    {
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(Compile(sources), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>
    /// Every DN diagnostic a build would show, ordered by place: the analyzer's and the generator's together,
    /// so a problem reported by both would show up twice and fail the tests.
    /// </summary>
    public static ImmutableArray<Diagnostic> Diagnostics(params string[] sources)
    {
        var (result, output) = Run(sources);
        var analyzed = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return analyzed.Concat(result.Diagnostics).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>Compiler errors of the user code plus generated code, with the generator's own diagnostics.</summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}

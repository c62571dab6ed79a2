using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Declarations that once made the generator throw (CS8785), which threw away every network of the project,
/// valid ones included: each now generates the valid networks, with a diagnostic where one is due.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public void Two_classes_whose_names_differ_only_in_case_both_get_their_code()
    {
        var (result, output) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network] [Input(4)] [Dense(2)] public partial class Mlp { }
            [Network] [Input(4)] [Dense(3)] public partial class MLP { }
            """);
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Equal(2, result.GeneratedSources.Select(s => s.HintName.ToUpperInvariant()).Distinct().Count());
        Assert.Empty(GeneratorHarness.Errors(output));
        Assert.Empty(GeneratorHarness.Diagnostics("using DslNet;\nnamespace Examples;\n[Network] [Input(4)] [Dense(2)] public partial class Mlp { }\n[Network] [Input(4)] [Dense(3)] public partial class MLP { }\n"));
    }

    [Fact]
    public void Two_classes_with_one_full_name_leave_the_conflict_to_the_compiler_and_the_others_generate()
    {
        // Namespace Examples.Outer and class Examples.Outer: CS0101, and both networks would be "Examples.Outer.Mlp".
        var (result, output) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples.Outer { [Network] [Input(4)] [Dense(2)] public partial class Mlp { } }
            namespace Examples { public partial class Outer { [Network] [Input(4)] [Dense(3)] public partial class Mlp { } } }
            namespace Examples { [Network] [Input(4)] [Dense(2)] public partial class Fine { } }
            """);
        Assert.Null(result.Exception);
        Assert.Equal("Examples.Fine.g.cs", Assert.Single(result.GeneratedSources).HintName);
        Assert.Contains(GeneratorHarness.Errors(output), d => d.Id == "CS0101");
    }

    [Fact]
    public void A_dnn_file_and_an_attribute_class_whose_names_differ_only_in_case_both_get_their_code()
    {
        var (result, output) = GeneratorHarness.RunText(
            [new InMemoryAdditionalText("/nets/Mlp.dnn", "network Examples.Mlp\ninput 4\ndense 2\n")],
            "using DslNet;\nnamespace Examples;\n[Network] [Input(4)] [Dense(3)] public partial class MLP { }\n");
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Errors(output));
    }

    [Fact]
    public void Two_dnn_files_whose_class_names_differ_only_in_case_both_get_their_code()
    {
        var (result, output) = GeneratorHarness.RunText([
            new InMemoryAdditionalText("/nets/a/Net.dnn", "network Examples.Net\ninput 4\ndense 2\n"),
            new InMemoryAdditionalText("/nets/b/NET.dnn", "network Examples.NET\ninput 4\ndense 3\n")]);
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Errors(output));
    }

    [Fact]
    public void A_class_declared_by_a_dnn_file_and_by_attributes_is_DN0032_and_the_other_networks_still_generate()
    {
        const string source = """
            using DslNet;
            namespace Suite;
            [Network] [Input(4)] [Dense(2)] public partial class Twice { }
            [Network] [Input(4)] [Dense(2)] public partial class Other { }
            """;
        var (result, output) = GeneratorHarness.RunText(
            [new InMemoryAdditionalText("/nets/Twice.dnn", "network Suite.Twice\ninput 8\ndense 3\n")], source);
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0032", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "'Suite.Twice' is declared both by Twice.dnn and by the [Network] class in Source0.cs; declare each network once, either in a .dnn file or with attributes",
            diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/nets/Twice.dnn", span.Path);
        Assert.Equal((0, 8, 0, 19), (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        // The attribute class keeps its code (its input is 4, not the file's 8), and so does the other network.
        Assert.Equal(["Suite.Other.g.cs", "Suite.Twice.g.cs"], result.GeneratedSources.Select(s => s.HintName).OrderBy(h => h).ToArray());
        Assert.Contains("InputSize = 4;", result.GeneratedSources.Single(s => s.HintName == "Suite.Twice.g.cs").SourceText.ToString());
        Assert.Empty(GeneratorHarness.Errors(output));
    }

    [Theory]
    [InlineData("[Input(1, 8, 8)] [Conv2D(2, 3, Padding = Padding.Same, Stride = int.MaxValue)] [Flatten] [Dense(2)]")]
    [InlineData("[Input(3, 8, 8)] [Conv2D(2, 3, Padding = Padding.Same, Stride = int.MaxValue)] [Conv2D(2, 1, Padding = Padding.Same)] [MaxPool2D(1)] [Flatten] [Dropout(0.5)] [Dense(2)]")]
    public void A_same_padded_convolution_with_the_largest_stride_gives_one_output_position(string layers)
    {
        var source = "using DslNet;\nnamespace Examples;\n[Network] " + layers + " public partial class HugeStride { }\n[Network] [Input(4)] [Dense(2)] public partial class Fine { }\n";
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.Errors(output));
        Assert.Empty(GeneratorHarness.Diagnostics(source));
        Assert.Contains("OutputSize = 2;", result.GeneratedSources.Single(s => s.HintName == "Examples.HugeStride.g.cs").SourceText.ToString());
    }

    [Fact]
    public void An_input_whose_size_exceeds_a_long_is_too_large_not_an_overflow()
    {
        const string source = """
            using DslNet;
            namespace Examples;
            [Network] [Input(44, int.MaxValue, int.MaxValue)] [MaxPool2D(int.MaxValue)] public partial class HugeInput { }
            [Network] [Input(4)] [Dense(2)] public partial class Fine { }
            """;
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.Errors(output));
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal(
            "Input: the shape [44, 2147483647, 2147483647] would hold 202,914,184,621,826,506,796 floats; DslNet allows at most 16,777,216 per sample and per layer",
            diagnostic.GetMessage());
    }

    [Fact]
    public void A_same_padded_convolution_with_the_largest_kernel_is_too_large_not_an_overflow()
    {
        const string source = """
            using DslNet;
            namespace Examples;
            [Network] [Input(1, 8, 8)] [Conv2D(2, int.MaxValue, Padding = Padding.Same)] [Flatten] [Dense(2)] public partial class HugeKernel { }
            [Network] [Input(4)] [Dense(2)] public partial class Fine { }
            """;
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.Errors(output));
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal("DN0024", diagnostic.Id);
        Assert.Equal(
            "Conv2D #1: the unrolled input (channels × kernel² × output positions) would hold 295,147,904,904,474,918,976 floats; DslNet allows at most 16,777,216 per sample and per layer",
            diagnostic.GetMessage());
    }
}

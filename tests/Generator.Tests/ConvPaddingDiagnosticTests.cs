using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Conv2D's PyTorch integer padding (<c>PaddingSize</c>, <c>padding_size=</c>): its rules on the exact text at fault,
/// in both front ends, and the shapes it gives.
/// </summary>
public sealed class ConvPaddingDiagnosticTests
{
    [Fact]
    public void DN0043_a_negative_padding_size_points_at_it() => AssertSingle("""
        [Network]
        [Input(1, 8, 8)]
        [Conv2D(4, 3, PaddingSize = -1)]
        public partial class Negative { }
        """, "DN0043", "PaddingSize = -1", DiagnosticSeverity.Error,
        "Conv2D #1: PaddingSize is the number of zero rows and columns on each side, at least 0, got -1");

    [Fact]
    public void DN0044_padding_and_padding_size_together_point_at_the_size() => AssertSingle("""
        [Network]
        [Input(1, 8, 8)]
        [Conv2D(4, 3, Padding = Padding.Same, PaddingSize = 1, Name = "both")]
        public partial class Both { }
        """, "DN0044", "PaddingSize = 1", DiagnosticSeverity.Error,
        "'both' (Conv2D #1): Padding = Same and PaddingSize = 1 are both given; keep Padding (Valid or Same, as in Keras) or PaddingSize (zeros on each side, PyTorch's padding=p), not both");

    [Fact]
    public void DN0044_an_explicit_valid_beside_a_padding_size_is_two_paddings_too() => AssertSingle("""
        [Network]
        [Input(1, 8, 8)]
        [Conv2D(4, 3, PaddingSize = 0, Padding = Padding.Valid)]
        public partial class Both { }
        """, "DN0044", "PaddingSize = 0", DiagnosticSeverity.Error,
        "Conv2D #1: Padding = Valid and PaddingSize = 0 are both given; keep Padding (Valid or Same, as in Keras) or PaddingSize (zeros on each side, PyTorch's padding=p), not both");

    [Fact]
    public void DN0045_a_kernel_larger_than_the_padded_input_points_at_the_layer() => AssertSingle("""
        [Network]
        [Input(1, 2, 6)]
        [Conv2D(4, 5, PaddingSize = 1)]
        public partial class TooSmall { }
        """, "DN0045", "Conv2D(4, 5, PaddingSize = 1)", DiagnosticSeverity.Error,
        "Conv2D #1: the kernel 5×5 over [1, 2, 6] padded by 1 on each side (4×8) gives an output of 0×4; the padded input must be at least as large as the kernel: raise PaddingSize or use a smaller kernel");

    [Fact]
    public void DN0024_a_padding_that_makes_the_output_too_large_is_the_size_limit()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(Wrap("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, PaddingSize = 1000000000)]
            public partial class Huge { }
            """)));
        Assert.Equal("DN0024", diagnostic.Id);
        Assert.StartsWith("Conv2D #1: the output (filters × height × width) would hold 8,000,000,048,000,000,072 floats", diagnostic.GetMessage());
    }

    [Fact]
    public void DN0021_warns_only_when_the_stride_leaves_input_unread_past_the_padding()
    {
        // 7 + 2 − 3 = 6 rows of windows at stride 4 leave 2 padded rows past the last window: one zero, one input row.
        AssertSingle("""
            [Network]
            [Input(1, 7, 7)]
            [Conv2D(2, 3, Stride = 4, PaddingSize = 1)]
            public partial class Strided { }
            """, "DN0021", "Conv2D(2, 3, Stride = 4, PaddingSize = 1)", DiagnosticSeverity.Warning,
            "Conv2D #1: window 3×3 with stride 4 over [1, 7, 7] leaves the last 1 row(s) and 1 column(s) unused; the output is [2, 2, 2]");
        // k = 3, s = 2, p = 1 on an even side: only the bottom and right zeros are past the last window, so no warning.
        Assert.Empty(GeneratorHarness.Diagnostics(Wrap("""
            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, Stride = 2, PaddingSize = 1)]
            public partial class Downsample { }
            """)));
    }

    [Fact]
    public void The_text_front_end_reports_the_same_rules_on_the_option()
    {
        const string text = """
            network Examples.Padded
            input 1, 8, 8
            conv2d 4 kernel=3 padding_size=-2
            conv2d 4 kernel=3 padding=same padding_size=1
            """;
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Padded.dnn", text)]);
        var found = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)))
            .ToArray();
        Assert.Equal(new[] { ("DN0043", 2, "-2"), ("DN0044", 3, "1") }, found);
    }

    [Fact]
    public void A_number_for_padding_in_text_names_padding_size()
    {
        const string text = """
            network Examples.Padded
            input 1, 8, 8
            conv2d 4 kernel=3 padding=1
            """;
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Padded.dnn", text)]);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0016", error.Id);
        Assert.Equal("1", text.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Equal("Unknown padding '1'; expected one of: valid, same (for 1 zeros on each side, as PyTorch's padding=1, write padding_size=1)", error.GetMessage());
    }

    [Fact]
    public void Pytorch_padding_gives_pytorch_output_sizes_in_both_front_ends()
    {
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Padded.dnn", """
            network Examples.Padded
            input 2, 6, 7
            conv2d 4 kernel=2 padding_size=1 activation=tanh
            conv2d 3 kernel=3 stride=2 padding_size=1
            """)]);
        Assert.Empty(fromText.Diagnostics);
        var (fromAttributes, _) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network]
            [Input(2, 6, 7)]
            [Conv2D(4, 2, PaddingSize = 1, Activation = Activation.Tanh)]
            [Conv2D(3, 3, Stride = 2, PaddingSize = 1)]
            public partial class Padded { }
            """);
        string code = Assert.Single(fromAttributes.GeneratedSources).SourceText.ToString();
        Assert.Equal(code, Assert.Single(fromText.GeneratedSources).SourceText.ToString());
        // (6 + 2 − 2) / 1 + 1 = 7, (7 + 2 − 2) + 1 = 8; then (7 + 2 − 3) / 2 + 1 = 4, (8 + 2 − 3) / 2 + 1 = 4.
        Assert.Contains("Conv2D 4@2×2 stride 1 padding 1, [2, 6, 7]→[4, 7, 8], Tanh", code);
        Assert.Contains("Conv2D 3@3×3 stride 2 padding 1, [4, 7, 8]→[3, 4, 4], Linear", code);
    }

    private static string Wrap(string body) => "using DslNet;\nnamespace Examples;\n" + body + "\n";

    private static void AssertSingle(string body, string id, string spanText, DiagnosticSeverity severity, string message)
    {
        var source = Wrap(body);
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(source.IndexOf(spanText), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(spanText, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}

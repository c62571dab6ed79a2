using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// The rules of a declared graph (From, Add, Concatenate), in both front ends: each on the exact name or attribute at
/// fault, with its message.
/// </summary>
public sealed class GraphDiagnosticTests
{
    [Fact]
    public void DN0033_unknown_name_points_at_From() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "hidden")]
        [Dense(8, From = "hiden")]
        public partial class Misspelt { }
        """, "DN0033", "From = \"hiden\"", DiagnosticSeverity.Error,
        "Dense #2 reads 'hiden', but the network has no layer of that name; the names it can read are 'input', 'hidden'");

    [Fact]
    public void DN0034_a_later_layer_points_at_its_name_in_Add() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "first")]
        [Add("first", "third", Name = "second")]
        [Dense(8, Name = "third", From = "first")]
        public partial class Forward { }
        """, "DN0034", "\"third\"", DiagnosticSeverity.Error,
        "'second' (Add #2) reads 'third', which is declared after it ('third' (Dense #3)); a layer reads the input or a layer declared before it, so a network has no cycles");

    [Fact]
    public void DN0034_a_layer_that_reads_itself() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "loop", From = "loop")]
        public partial class Loop { }
        """, "DN0034", "From = \"loop\"", DiagnosticSeverity.Error,
        "'loop' (Dense #1) reads 'loop', which is itself; a layer reads the input or a layer declared before it, so a network has no cycles");

    [Fact]
    public void DN0035_add_of_different_shapes_names_both_layers_and_shapes() => AssertSingle("""
        [Network]
        [Input(4, 8, 8)]
        [Conv2D(8, 3, Padding = Padding.Same, Name = "conv")]
        [Add("input", "conv")]
        [Flatten]
        [Dense(2)]
        public partial class Mismatch { }
        """, "DN0035", "\"conv\"", DiagnosticSeverity.Error,
        "Add #2 adds [4, 8, 8] from the input and [8, 8, 8] from 'conv' (Conv2D #1); every input of Add must have the same shape", last: true);

    [Fact]
    public void DN0036_concatenate_of_maps_of_other_sides_is_the_U_Net_off_by_one() => AssertSingle("""
        [Network]
        [Input(1, 6, 6)]
        [Conv2D(4, 3, Padding = Padding.Same, Name = "encoder")]
        [MaxPool2D(2)]
        [Conv2D(4, 2)]
        [Upsample2D(2, Name = "decoder")]
        [Concatenate("encoder", "decoder")]
        [Flatten]
        [Dense(2)]
        public partial class OffByOne { }
        """, "DN0036", "\"decoder\"", DiagnosticSeverity.Error,
        "Concatenate #5 joins its inputs along the channels, so their other dimensions must match, but 'encoder' (Conv2D #1) outputs [4, 6, 6] and 'decoder' (Upsample2D #4) outputs [4, 4, 4]; heights and widths must be equal: an odd side halved by pooling and upsampled back loses a row or column, so pad the convolutions (Padding.Same) or choose even sides", last: true);

    [Fact]
    public void DN0037_a_layer_nothing_reads_is_a_warning_and_the_network_is_still_generated()
    {
        const string body = """
            [Network]
            [Input(8)]
            [Dense(8, Activation = Activation.ReLU, Name = "hidden")]
            [Dense(8, Name = "unused")]
            [Dense(2, From = "hidden")]
            public partial class Dead { }
            """;
        AssertSingle(body, "DN0037", "Dense(8, Name = \"unused\")", DiagnosticSeverity.Warning,
            "'unused' (Dense #2): no layer reads its output and it is not the network's output (the last layer), so it does not affect the result; name it in a later layer's From, Add or Concatenate, or remove it");
        var (result, _) = GeneratorHarness.Run(Wrap(body));
        Assert.Contains("(_parameters, UnusedWeightOffset, UnusedBiasOffset, _hiddenOutput, _unusedOutput, batch);", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void DN0038_add_of_one_layer() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "hidden")]
        [Add("hidden")]
        public partial class Lonely { }
        """, "DN0038", "Add(\"hidden\")", DiagnosticSeverity.Error,
        "Add #2 merges only 'hidden'; it needs the names of at least two layers, as in [Add(\"block_input\", \"conv2\")]");

    [Fact]
    public void DN0039_a_sequence_added_to_a_last_state_names_both_shapes_and_ReturnSequences() => AssertSingle("""
        [Network]
        [SequenceInput(8)]
        [Lstm(8, ReturnSequences = true, Name = "steps")]
        [Lstm(8, From = "input", Name = "last")]
        [Add("steps", "last")]
        [Dense(2)]
        public partial class Mixed { }
        """, "DN0039", "\"last\"", DiagnosticSeverity.Error, last: true, message:
        "Add #3 merges [time, 8] from 'steps' (Lstm #1) with [8] from 'last' (Lstm #2); a sequence has a value per time step and a vector one per sample, so both must be sequences or both not; set ReturnSequences = true on 'last' (Lstm #2) to merge every step");

    [Fact]
    public void DN0039_token_ids_are_not_joined() => AssertSingle("""
        [Network]
        [SequenceInput]
        [Embedding(10, 4, Name = "embedding")]
        [Concatenate("embedding", "input")]
        [Lstm(4)]
        public partial class Ids { }
        """, "DN0039", "\"input\"", DiagnosticSeverity.Error,
        "Concatenate #2 merges [time, 4] from 'embedding' (Embedding #1) with [time] from the input; token ids are indices, not values to add or join: merge the output of an Embedding that reads them");

    [Fact]
    public void DN0036_sequences_of_other_step_shapes_are_not_joined() => AssertSingle("""
        [Network]
        [SequenceInput(1, 4, 4)]
        [Flatten(Name = "flat")]
        [Concatenate("input", "flat")]
        [Lstm(4)]
        public partial class Frames { }
        """, "DN0036", "\"flat\"", DiagnosticSeverity.Error, last: true, message:
        "Concatenate #2 joins its inputs along the channels, so their other dimensions must match, but the input outputs [time, 1, 4, 4] and 'flat' (Flatten #1) outputs [time, 16]; a feature map and a vector cannot be joined: flatten the map first, or join two maps");

    [Fact]
    public void DN0035_sequences_of_other_widths_are_not_added() => AssertSingle("""
        [Network]
        [SequenceInput(3)]
        [Lstm(4, ReturnSequences = true)]
        [Add("input", "lstm1")]
        public partial class Narrow { }
        """, "DN0035", "\"lstm1\"", DiagnosticSeverity.Error,
        "Add #2 adds [time, 3] from the input and [time, 4] from 'lstm1' (Lstm #1); every input of Add must have the same shape");

    [Fact]
    public void A_sequence_graph_without_problems_raises_nothing()
    {
        Assert.Empty(GeneratorHarness.Diagnostics(Wrap("""
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [SequenceInput(6)]
            [Lstm(6, ReturnSequences = true, Name = "lstm")]
            [Add("input", "lstm", Name = "residual")]
            [Gru(4, ReturnSequences = true, From = "input")]
            [Concatenate("residual", "gru3")]
            [Lstm(5, Name = "last")]
            [SimpleRnn(5, From = "residual", Name = "other")]
            [Add("last", "other", Activation = Activation.Tanh)]
            [Concatenate("add7", "last")]
            [Dense(3, Activation = Activation.Softmax)]
            public partial class Fine { }
            """)));
    }

    [Fact]
    public void DN0012_input_is_reserved_for_the_network_input() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "input")]
        public partial class Shadow { }
        """, "DN0012", "Dense(8, Name = \"input\")", DiagnosticSeverity.Error,
        "'input' (Dense #1): the name 'input' is reserved for the network's input; a layer name is a C# identifier (letters, digits, '_'), unique in the network");

    [Fact]
    public void DN0012_a_duplicate_name_is_reported_once_and_references_resolve_to_the_first() => AssertSingle("""
        [Network]
        [Input(8)]
        [Dense(8, Name = "hidden")]
        [Dense(8, Name = "hidden")]
        [Add("hidden", "input")]
        public partial class Twice { }
        """, "DN0012", "Dense(8, Name = \"hidden\")", DiagnosticSeverity.Error,
        "'hidden' (Dense #2): the name 'hidden' is already used; a layer name is a C# identifier (letters, digits, '_'), unique in the network", last: true);

    [Fact]
    public void Text_rules_point_at_the_token()
    {
        const string text = """
            network Examples.Graph
            input 8
            dense 8 name=hidden
            dense 8 from=hiden
            add hidden
            concatenate hidden, later
            dense 2 name=later
            """;
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Graph.dnn", text)]);
        var found = result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character, text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)))
            .ToArray();
        Assert.Equal(new[]
        {
            ("DN0033", 3, 13, "hiden"),
            ("DN0038", 4, 0, "add hidden"),
            ("DN0034", 5, 20, "later"),
        }, found);
    }

    [Fact]
    public void DN0039_in_a_dnn_file_points_at_the_name_and_shows_the_text_option()
    {
        const string text = """
            network Examples.Mixed
            input sequence 8
            lstm 8 return_sequences=true name=steps
            lstm 8 from=input name=last
            concatenate steps, last
            """;
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Mixed.dnn", text)]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0039", diagnostic.Id);
        Assert.Equal("last", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal((4, 19), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.EndsWith("; give 'last' (Lstm #2) return_sequences=true to merge every step", diagnostic.GetMessage());
    }

    [Fact]
    public void A_graph_without_problems_raises_nothing()
    {
        Assert.Empty(GeneratorHarness.Diagnostics(Wrap("""
            [Network]
            [Input(2, 6, 6)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [Add("stem", "conv2d2", Activation = Activation.ReLU)]
            [Concatenate("add3", "input")]
            [GlobalAveragePool2D]
            [Dense(3, From = "globalaveragepool2d5")]
            public partial class Fine { }
            """)));
    }

    private static string Wrap(string body) => "using DslNet;\nnamespace Examples;\n" + body + "\n";

    private static void AssertSingle(string body, string id, string spanText, DiagnosticSeverity severity, string message, bool last = false)
    {
        var source = Wrap(body);
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(severity, diagnostic.Severity);
        int start = last ? source.LastIndexOf(spanText) : source.IndexOf(spanText);
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(spanText, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}

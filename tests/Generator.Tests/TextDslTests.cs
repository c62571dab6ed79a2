using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>The .dnn front end through the generator: same code as attributes, diagnostics with file, line and column.</summary>
public sealed class TextDslTests
{
    private const string DigitsText = """
        # The Digits sample's network, written as a .dnn file.
        network Digits.DigitsMlp
        input 64
        dense 64 activation=relu
        dense 32 activation=relu
        dense 10 activation=softmax
        """;

    [Fact]
    public void A_dnn_network_generates_the_same_code_as_its_attribute_twin()
    {
        var (fromText, textOutput) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/DigitsMlp.dnn", DigitsText)]);
        var (fromAttributes, _) = GeneratorHarness.Run(RepositoryFiles.Read("samples/Digits/DigitsMlp.cs"));

        Assert.Empty(fromText.Diagnostics);
        Assert.Empty(GeneratorHarness.Errors(textOutput));
        var text = Assert.Single(fromText.GeneratedSources);
        var attributes = Assert.Single(fromAttributes.GeneratedSources);
        Assert.Equal(attributes.HintName, text.HintName);
        Assert.Equal(attributes.SourceText.ToString(), text.SourceText.ToString());
    }

    [Fact]
    public void A_dnn_cnn_generates_the_same_code_as_its_attribute_twin()
    {
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Cnn.dnn", """
            network Examples.Cnn
            input 1, 28, 28
            conv2d 8 kernel=3 activation=relu
            maxpool2d 2
            conv2d 16 kernel=3 stride=2 padding=same activation=tanh name=second
            avgpool2d 2 stride=1
            flatten
            dropout 0.25
            dense 10 activation=softmax
            loss softmax_cross_entropy
            """)]);
        var (fromAttributes, _) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(1, 28, 28)]
            [Conv2D(8, 3, Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh, Name = "second")]
            [AvgPool2D(2, Stride = 1)]
            [Flatten]
            [Dropout(0.25)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Cnn { }
            """);
        Assert.Empty(fromText.Diagnostics);
        Assert.Equal(Assert.Single(fromAttributes.GeneratedSources).SourceText.ToString(), Assert.Single(fromText.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void A_dnn_graph_generates_the_same_code_as_its_attribute_twin()
    {
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Skips.dnn", """
            network Examples.Skips
            input 6
            dense 8 activation=tanh name=h1
            dense 8 activation=relu
            dense 8 activation=sigmoid from=h1 name=side
            add h1, dense2, side name=sum
            concat sum, input
            dense 3 activation=softmax
            loss softmax_cross_entropy
            """)]);
        var (fromAttributes, _) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(6)]
            [Dense(8, Activation = Activation.Tanh, Name = "h1")]
            [Dense(8, Activation = Activation.ReLU)]
            [Dense(8, Activation = Activation.Sigmoid, From = "h1", Name = "side")]
            [Add("h1", "dense2", "side", Name = "sum")]
            [Concatenate("sum", "input")]
            [Dense(3, Activation = Activation.Softmax)]
            public partial class Skips { }
            """);
        Assert.Empty(fromText.Diagnostics);
        Assert.Equal(Assert.Single(fromAttributes.GeneratedSources).SourceText.ToString(), Assert.Single(fromText.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void A_dnn_residual_sequence_network_generates_the_same_code_as_its_attribute_twin()
    {
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/ResidualTagger.dnn", """
            network Examples.ResidualTagger
            input sequence
            embedding 30 16 name=embedding
            lstm 16 return_sequences=true name=lstm
            add embedding, lstm name=residual
            gru 8 return_sequences=true from=embedding name=side
            concatenate residual, side
            dense 5 activation=softmax
            loss softmax_cross_entropy
            """)]);
        var (fromAttributes, _) = GeneratorHarness.Run(ResidualTaggerAttributes);
        Assert.Empty(fromText.Diagnostics);
        Assert.Equal(Assert.Single(fromAttributes.GeneratedSources).SourceText.ToString(), Assert.Single(fromText.GeneratedSources).SourceText.ToString());
    }

    /// <summary>A residual LSTM over an embedding and a GRU beside it, joined per step: the snapshot's network too.</summary>
    internal const string ResidualTaggerAttributes = """
        using DslNet;
        namespace Examples;
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [SequenceInput]
        [Embedding(30, 16, Name = "embedding")]
        [Lstm(16, ReturnSequences = true, Name = "lstm")]
        [Add("embedding", "lstm", Name = "residual")]
        [Gru(8, ReturnSequences = true, From = "embedding", Name = "side")]
        [Concatenate("residual", "side")]
        [Dense(5, Activation = Activation.Softmax)]
        public partial class ResidualTagger { }
        """;

    [Fact]
    public void A_dnn_recurrent_network_generates_the_same_code_as_its_attribute_twin()
    {
        var (fromText, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Chars.dnn", """
            network Examples.Chars
            input sequence
            embedding 65 16 name=chars
            positional_encoding
            positional_encoding learned=true max_length=64 name=positions
            layernorm name=norm
            self_attention 4 causal=true name=attention
            self_attention 2 causal=false model_dimension=16
            transformer_block 2 feed_forward=32 activation=tanh causal=true model_dimension=16 name=block
            transformer_block 4
            lstm 32 return_sequences=true stateful=true
            simple_rnn 8 return_sequences=true name=top
            gru 12 return_sequences=true stateful=true
            dense 65 activation=softmax
            loss softmax_cross_entropy
            """), new InMemoryAdditionalText("/nets/Clips.dnn", """
            network Examples.Clips
            input sequence 1, 8, 8
            conv2d 2 kernel=3
            flatten
            lstm 4
            layer_norm
            """)]);
        var (fromAttributes, _) = GeneratorHarness.Run("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [SequenceInput]
            [Embedding(65, 16, Name = "chars")]
            [PositionalEncoding]
            [PositionalEncoding(Learned = true, MaxLength = 64, Name = "positions")]
            [LayerNorm(Name = "norm")]
            [MultiHeadSelfAttention(4, Causal = true, Name = "attention")]
            [MultiHeadSelfAttention(2, ModelDimension = 16)]
            [TransformerBlock(2, FeedForward = 32, Activation = Activation.Tanh, Causal = true, ModelDimension = 16, Name = "block")]
            [TransformerBlock(4)]
            [Lstm(32, ReturnSequences = true, Stateful = true)]
            [SimpleRnn(8, ReturnSequences = true, Name = "top")]
            [Gru(12, ReturnSequences = true, Stateful = true)]
            [Dense(65, Activation = Activation.Softmax)]
            public partial class Chars { }
            [Network]
            [SequenceInput(1, 8, 8)]
            [Conv2D(2, 3)]
            [Flatten]
            [Lstm(4)]
            [LayerNorm]
            public partial class Clips { }
            """);
        Assert.Empty(fromText.Diagnostics);
        Assert.Equal(
            fromAttributes.GeneratedSources.Select(s => s.SourceText.ToString()).OrderBy(s => s),
            fromText.GeneratedSources.Select(s => s.SourceText.ToString()).OrderBy(s => s));
    }

    [Fact]
    public void Every_network_on_the_dsl_page_generates_without_an_error()
    {
        var page = RepositoryFiles.Read("docs/dsl.md").Replace("\r\n", "\n");
        var examples = System.Text.RegularExpressions.Regex.Matches(page, "```text\n(.*?)\n```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.Equal(4, examples.Count);
        for (int i = 0; i < examples.Count; i++)
        {
            var (result, output) = GeneratorHarness.RunText([new InMemoryAdditionalText($"/docs/Example{i}.dnn", examples[i].Groups[1].Value)]);
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error); // the CNN's flooring pool is a DN0021 warning
            Assert.Empty(GeneratorHarness.Errors(output));
            Assert.DoesNotContain("was not generated", Assert.Single(result.GeneratedSources).SourceText.ToString());
        }
    }

    [Fact]
    public void A_bad_flag_in_a_dnn_file_names_the_values_it_accepts()
    {
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Bad.dnn", """
            network Examples.Bad
            input sequence 3
            lstm 4 return_sequences=yes
            """)]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0016", diagnostic.Id);
        Assert.Equal("Unknown return_sequences 'yes'; expected one of: true, false", diagnostic.GetMessage());
        Assert.Equal((2, 24), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
    }

    [Fact]
    public void Options_keywords_and_names_are_case_insensitive_and_comments_are_ignored()
    {
        var (result, output) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Spam.dnn", """
            NETWORK Examples.SpamFilter   # the class to generate
            Input 30

            Dense 16 Activation=ReLU name=hidden
            dense 1 activation=Sigmoid name=probability
            loss binary_cross_entropy
            """)]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Errors(output));
        var code = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("new(\"hidden\", \"weight\", global::DslNet.ParameterKind.Weight, 0, new[] { 30, 16 })", code);
        Assert.Contains("global::DslNet.Activation.Sigmoid", code);
    }

    [Fact]
    public void Syntax_errors_are_reported_with_line_and_column_and_the_parser_goes_on()
    {
        var (result, output) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Broken.dnn", """
            network Examples.Broken
            input 4, x
            dense 8 activation=swish
            dense -2
            conv 3
            dense 4 name=out name=again
            loss hinge
            dense 2 activation relu
            """)]);

        var found = result.Diagnostics.Select(d => (d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line, Column: d.Location.GetLineSpan().StartLinePosition.Character, Message: d.GetMessage())).ToArray();
        Assert.Equal(
            [
                ("DN0015", 1, 9, "Expected a dimension after ',', found 'x'"),
                ("DN0016", 2, 19, "Unknown activation 'swish'; expected one of: linear, relu, sigmoid, tanh, softmax"),
                ("DN0016", 4, 0, "Unknown statement 'conv'; expected one of: network, input, dense, conv2d, maxpool2d, avgpool2d, global_avgpool2d, upsample2d, conv_transpose2d, flatten, dropout, embedding, lstm, gru, simple_rnn, layernorm, batchnorm, positional_encoding, self_attention, transformer_block, add, concatenate, loss"),
                ("DN0015", 5, 17, "Option 'name' is given twice"),
                ("DN0016", 6, 5, "Unknown loss 'hinge'; expected one of: mean_squared_error, binary_cross_entropy, softmax_cross_entropy"),
                ("DN0015", 7, 19, "Expected '=' after 'activation', found 'relu'"),
            ],
            found);
        Assert.All(result.Diagnostics, d => Assert.Equal("/nets/Broken.dnn", d.Location.GetLineSpan().Path));
        // The class still exists as a stub, so code that uses it compiles.
        Assert.Contains("was not generated", Assert.Single(result.GeneratedSources).SourceText.ToString());
        Assert.DoesNotContain(GeneratorHarness.Errors(output), d => !d.Id.StartsWith("DN"));
    }

    [Fact]
    public void Positional_and_model_dimension_errors_in_a_dnn_file_point_at_the_option_value()
    {
        static InMemoryAdditionalText File(string name, string layers) =>
            new($"/nets/{name}.dnn", $"network Examples.{name}\ninput sequence\nembedding 100 48\n{layers}\n");
        var (result, _) = GeneratorHarness.RunText([
            File("Sinusoidal", "positional_encoding max_length=128"),
            File("NoMaximum", "positional_encoding learned=true"),
            File("Mismatch", "positional_encoding learned=true max_length=32\ntransformer_block 4 model_dimension=64")]);
        var found = result.Diagnostics
            .Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character))
            .OrderBy(d => d.Path).ToArray();
        Assert.Equal([("DN0030", "/nets/Mismatch.dnn", 4, 36), ("DN0029", "/nets/NoMaximum.dnn", 3, 0), ("DN0029", "/nets/Sinusoidal.dnn", 3, 31)], found);
        Assert.EndsWith("; change the dimension of Embedding #1 to 64, or ModelDimension to 48", result.Diagnostics.Single(d => d.Id == "DN0030").GetMessage());
    }

    [Fact]
    public void Shape_errors_in_a_dnn_file_point_at_the_token()
    {
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Shapes.dnn", """
            network Examples.Shapes
            input 1, 28, 28
            dense 0
            dense 10 activation=softmax
            loss softmax_cross_entropy
            """)]);
        var found = result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character, d.GetMessage())).ToArray();
        Assert.Equal(
            [
                ("DN0002", 2, 6, "Dense #1: units must be a positive number, got 0"),
                ("DN0003", 2, 0, "Dense #1 expects a vector (rank 1), but receives shape [1, 28, 28]; add [Flatten] before it"),
            ],
            found);
    }

    [Fact]
    public void DN0017_a_file_without_a_network_line()
    {
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Anonymous.dnn", "input 4\ndense 2\n")]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0017", diagnostic.Id);
        Assert.Equal("Anonymous.dnn has no 'network <Namespace.ClassName>' line; it names the class the code is generated into", diagnostic.GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Hints_in_a_dnn_file_show_the_text_syntax()
    {
        var (result, _) = GeneratorHarness.RunText([
            new InMemoryAdditionalText("/nets/NoInput.dnn", "network Examples.NoInput\ndense 2\n"),
            new InMemoryAdditionalText("/nets/Flat.dnn", "network Examples.Flat\ninput 64\nconv2d 4 kernel=3\n")]);
        Assert.Equal(
            [
                "Conv2D #1 expects a feature map [channels, height, width] (rank 3), but receives shape [64]; declare the input with its channels, height and width, as 'input 1, 28, 28'",
                "Network 'NoInput' declares no input; the first layer needs the shape of one sample, for example 'input 64'",
            ],
            result.Diagnostics.Select(d => d.GetMessage()).ToArray());
    }

    [Fact]
    public void DN0019_two_files_naming_one_class()
    {
        var (result, _) = GeneratorHarness.RunText([
            new InMemoryAdditionalText("/nets/a/Twin.dnn", "network Examples.Twin\ninput 4\ndense 2\n"),
            new InMemoryAdditionalText("/nets/b/Twin.dnn", "network Examples.Twin\ninput 5\ndense 2\n")]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DN0019", diagnostic.Id);
        Assert.Equal("/nets/b/Twin.dnn", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal((0, 8), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Single(result.GeneratedSources);
    }

    [Fact]
    public void A_second_network_line_is_an_error()
    {
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/Two.dnn", "network A.One\nnetwork A.Two\ninput 2\ndense 1\n")]);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("A .dnn file declares one network; 'network' already appeared on line 1", diagnostic.GetMessage());
    }

    [Fact]
    public void Non_dnn_additional_files_are_ignored()
    {
        var (result, _) = GeneratorHarness.RunText([new InMemoryAdditionalText("/nets/readme.txt", "network is not code")]);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }
}

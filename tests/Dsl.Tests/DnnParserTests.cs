using System.Linq;
using DslNet.Model;
using DslNet.Text;
using Xunit;

namespace DslNet.Dsl.Tests;

public sealed class DnnParserTests
{
    [Fact]
    public void A_network_file_becomes_the_model_the_attributes_give()
    {
        var document = DnnParser.Parse("Net.dnn", "network Deep.Space.Probe\ninput 1, 28, 28\ndense 10 activation=tanh name=head\nloss mse_is_not_a_name\n");

        Assert.Equal("Deep.Space", document.Namespace);
        Assert.Equal("Probe", document.ClassName);
        Assert.Equal(new[] { 1, 28, 28 }, document.Spec.Inputs.Single().Dimensions);
        var dense = Assert.IsType<DenseSpec>(document.Spec.Layers.Single());
        Assert.Equal((10, Activation.Tanh, "head", 1), (dense.Units, dense.Activation, dense.DeclaredName, dense.Index));
        Assert.Equal("DN0016", Assert.Single(document.Problems).Id); // the unknown loss, and nothing else
    }

    [Theory]
    [InlineData("network Suite.Caffè\ninput 4\ndense 2\n", 0, 8, "Suite.Caffè")]
    [InlineData("network Suite.Cafe\ninput 4\ndense 2 name=caffè\n", 2, 13, "caffè")]
    [InlineData("network Suite.Cafe\ninput 4\nèdense 2\n", 2, 0, "èdense")]
    public void A_non_ascii_letter_in_a_name_says_names_are_ascii(string text, int line, int column, string word)
    {
        var problem = Assert.Single(DnnParser.Parse("Net.dnn", text).Problems);
        Assert.Equal("DN0015", problem.Id);
        Assert.Equal(
            $"'{word}' is not an ASCII name; names, keywords and values in a .dnn file use only the letters a-z and A-Z, digits and '_' (and '.' between namespace parts)",
            problem.Message);
        Assert.Equal((line, column, word.Length), (problem.Location.StartLine, problem.Location.StartColumn, problem.Location.Length));
    }

    [Fact]
    public void Layernorm_statements_take_only_a_name()
    {
        var document = DnnParser.Parse("Net.dnn", "network A.B\ninput sequence 8\nlayernorm\nlayer_norm name=norm\nlayernorm 3\n");
        Assert.Equal(new[] { "layernorm1", "norm" }, document.Spec.Layers.Select(l => Assert.IsType<LayerNormSpec>(l).Name));
        Assert.Equal("DN0015", Assert.Single(document.Problems).Id); // 'layernorm 3': a number where an option belongs
    }

    [Fact]
    public void Attention_and_transformer_block_statements_read_their_heads_and_options()
    {
        var document = DnnParser.Parse("Net.dnn",
            "network A.B\ninput sequence 8\npositional_encoding\nself_attention 4 causal=true\nself_attention 2\n"
            + "transformer_block 2 feed_forward=16 activation=tanh causal=true name=block\ntransformer_block 4\nself_attention 2 causal=maybe\n");
        var layers = document.Spec.Layers;
        Assert.IsType<PositionalEncodingSpec>(layers[0]);
        Assert.Equal((4, true), (((AttentionSpec)layers[1]).Heads, ((AttentionSpec)layers[1]).Causal));
        Assert.Equal((2, false), (((AttentionSpec)layers[2]).Heads, ((AttentionSpec)layers[2]).Causal));
        var block = (TransformerBlockSpec)layers[3];
        Assert.Equal((2, 16, Activation.Tanh, true, "block"), (block.Heads, block.FeedForward, block.Activation, block.Causal, block.Name));
        var defaults = (TransformerBlockSpec)layers[4];
        Assert.Equal((4, 0, Activation.ReLU, false, 32), (defaults.Heads, defaults.FeedForward, defaults.Activation, defaults.Causal, defaults.Width(8)));
        Assert.Equal(5, layers.Count);
        Assert.Equal("DN0016", Assert.Single(document.Problems).Id); // causal=maybe
    }

    [Fact]
    public void Learned_positions_and_model_dimensions_are_options_with_number_values()
    {
        var document = DnnParser.Parse("Net.dnn",
            "network A.B\ninput sequence 8\npositional_encoding learned=true max_length=128 name=positions\npositional_encoding\n"
            + "self_attention 2 model_dimension=8\ntransformer_block 2 causal=true model_dimension=8\npositional_encoding max_length=long\n");
        var layers = document.Spec.Layers;
        var learned = (PositionalEncodingSpec)layers[0];
        Assert.Equal((true, 128, "positions"), (learned.Learned, learned.MaxLength, learned.Name));
        Assert.Equal(new SourceLocation("Net.dnn", 73, 3, 2, 44, 2, 47), learned.MaxLengthLocation); // the value token
        var sinusoidal = (PositionalEncodingSpec)layers[1];
        Assert.Equal((false, 0, sinusoidal.Location), (sinusoidal.Learned, sinusoidal.MaxLength, sinusoidal.MaxLengthLocation));
        Assert.Equal(8, ((AttentionSpec)layers[2]).ModelDimension);
        Assert.Equal((8, true), (((TransformerBlockSpec)layers[3]).ModelDimension, ((TransformerBlockSpec)layers[3]).Causal));
        Assert.Equal(4, layers.Count);
        var problem = Assert.Single(document.Problems); // max_length=long: a number belongs there
        Assert.Equal(("DN0015", "Expected a number after '=', found 'long'"), (problem.Id, problem.Message));
    }

    [Fact]
    public void Locations_are_zero_based_lines_and_columns_with_the_statement_span()
    {
        var document = DnnParser.Parse("Net.dnn", "network A.B\r\n\r\n  dense 12 activation=relu\r\n");
        var dense = (DenseSpec)document.Spec.Layers.Single();
        Assert.Equal(new SourceLocation("Net.dnn", 17, 24, 2, 2, 2, 26), dense.Location);
        Assert.Equal(new SourceLocation("Net.dnn", 23, 2, 2, 8, 2, 10), dense.UnitsLocation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("#only a comment")]
    [InlineData("network")]
    [InlineData("network A.\ninput")]
    [InlineData("dense 99999999999999999999")]
    [InlineData("input ,,,,")]
    [InlineData("network A.B\ninput 3\ndense 2 activation=")]
    [InlineData("\u0000\uFFFF=,,==")]
    public void Malformed_text_gives_problems_never_exceptions(string text)
    {
        var document = DnnParser.Parse("Bad.dnn", text);
        Assert.NotEmpty(document.Problems);
    }

    [Fact]
    public void Tokens_cover_words_numbers_and_punctuation()
    {
        var kinds = DnnLexer.Tokenize("x.dnn", "dense -3 name=a_b.c, # tail\n").Select(t => t.Kind).ToArray();
        Assert.Equal(
            [DnnTokenKind.Word, DnnTokenKind.Number, DnnTokenKind.Word, DnnTokenKind.Equals, DnnTokenKind.Word, DnnTokenKind.Comma, DnnTokenKind.NewLine, DnnTokenKind.EndOfFile],
            kinds);
    }
}

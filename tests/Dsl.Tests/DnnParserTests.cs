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

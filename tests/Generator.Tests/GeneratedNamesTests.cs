using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// The emitters write runtime names (<c>global::DslNet.…</c>) as text. These tests generate networks that together use
/// every layer kind and every option that changes the emitted calls, and check that each such name binds to a symbol
/// of the compilation, wherever in the runtime it lives, so a renamed or moved runtime helper fails here.
/// </summary>
public sealed class GeneratedNamesTests
{
    // Each network picks the paths its comment names; together they cover every attribute and enum value (checked below).
    private static readonly string[] Networks =
    [
        // Convolution paths: fused convolution + 2×2 max pooling, the direct kernel (stride 1, rows of 8+),
        // im2col (stride 2, same padding), average pooling, an unfused max pooling, global average pooling, flatten, dropout, every activation.
        """
        using DslNet;
        namespace Names;
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [Input(1, 28, 28)]
        [Conv2D(8, 3, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(8, 3, Activation = Activation.Sigmoid, Padding = Padding.Valid)]
        [AvgPool2D(2, Stride = 1)]
        [Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
        [MaxPool2D(2)]
        [Upsample2D(2)]
        [ConvTranspose2D(4, 3, Stride = 2, Padding = 1, Activation = Activation.ReLU)]
        [ConvTranspose2D(4, 2, Activation = Activation.Sigmoid)]
        [ConvTranspose2D(4, 2, Activation = Activation.Tanh)]
        [BatchNorm]
        [GlobalAveragePool2D]
        [Flatten]
        [Dropout(0.25)]
        [Dense(16, Activation = Activation.ReLU)]
        [Dense(8, Activation = Activation.Sigmoid)]
        [Dense(8, Activation = Activation.Tanh)]
        [Dense(6, Activation = Activation.Linear)]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class EveryConvolutionPath { }
        """,
        // A graph: a residual block (Add with an activation, a tensor read by three layers, so a scratch buffer and
        // accumulated gradients), a skip to the input, and a Concatenate of maps.
        """
        using DslNet;
        namespace Names;
        [Network]
        [Input(2, 6, 6)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [Add("stem", "conv2d3", Activation = Activation.ReLU, Name = "block")]
        [Conv2D(2, 1, From = "stem", Name = "side")]
        [Concatenate("block", "side", "input")]
        [Flatten]
        [Dense(3)]
        public partial class ResidualGraph { }
        """,
        // Plain dense networks under the other losses.
        """
        using DslNet;
        namespace Names;
        [Network(Loss = LossKind.MeanSquaredError)]
        [Input(3)]
        [Dense(4, Activation = Activation.Tanh)]
        [Dense(1)]
        public partial class Regressor { }

        [Network(Loss = LossKind.BinaryCrossEntropy)]
        [Input(30)]
        [Dropout(0.5)]
        [Dense(1, Activation = Activation.Sigmoid)]
        public partial class BinaryClassifier { }

        [Network(Loss = LossKind.None)]
        [Input(2)]
        [Dense(2)]
        public partial class NoLoss { }
        """,
        // Recurrent layers: a sequence-returning LSTM over embeddings, stacked stateful cells, a last-state output.
        """
        using DslNet;
        namespace Names;
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [SequenceInput]
        [Embedding(65, 16)]
        [Lstm(24, ReturnSequences = true)]
        [Dropout(0.1)]
        [Dense(65, Activation = Activation.Softmax)]
        public partial class CharLstm { }

        [Network]
        [SequenceInput(3)]
        [Lstm(4, ReturnSequences = true, Stateful = true)]
        [SimpleRnn(5, Stateful = true)]
        [Dense(1)]
        public partial class StackedStateful { }

        [Network]
        [SequenceInput(3)]
        [SimpleRnn(5, ReturnSequences = true)]
        [Lstm(4)]
        [Dense(2, Activation = Activation.Softmax)]
        public partial class LastState { }

        [Network]
        [SequenceInput(3)]
        [Gru(6, ReturnSequences = true, Stateful = true)]
        [Gru(4)]
        [Dense(2)]
        public partial class Gated { }
        """,
        // Sequence outputs no recurrent layer produces, whose steps past each length Forward zeroes and Backward skips,
        // once in a layer's buffer and once in the network's input passed through.
        """
        using DslNet;
        namespace Names;
        [Network]
        [SequenceInput(4)]
        [Dense(3, Activation = Activation.ReLU)]
        [LayerNorm]
        public partial class PerStep { }

        [Network]
        [SequenceInput(4)]
        [Dropout(0.2)]
        public partial class SequenceDropout { }

        // Flatten is a view, so this network's output is its input, zeroed past each length.
        [Network]
        [SequenceInput(4)]
        [Flatten]
        public partial class SequenceFlattenOnly { }
        """,
        // Attention: fixed and learned positions, causal and not, transformer blocks with both activations.
        """
        using DslNet;
        namespace Names;
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [SequenceInput]
        [Embedding(5, 4)]
        [PositionalEncoding]
        [LayerNorm]
        [MultiHeadSelfAttention(2, Causal = true)]
        [MultiHeadSelfAttention(2, ModelDimension = 4)]
        [Dense(5, Activation = Activation.Softmax)]
        public partial class Attention { }

        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [SequenceInput]
        [Embedding(11, 8)]
        [PositionalEncoding(Learned = true, MaxLength = 16)]
        [TransformerBlock(2, FeedForward = 16, Causal = true, ModelDimension = 8)]
        [TransformerBlock(2, FeedForward = 8, Activation = Activation.Tanh)]
        [LayerNorm]
        [Dense(11, Activation = Activation.Softmax)]
        public partial class Decoder { }
        """,
        // A network with a shape error gets the stub class.
        """
        using DslNet;
        namespace Names;
        [Network]
        [Input(1, 28, 28)]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class Broken { }
        """,
    ];

    private static readonly Regex RuntimeName = new(@"global::DslNet(\.[A-Za-z_][A-Za-z0-9_]*)+");

    [Fact]
    public void The_networks_use_every_attribute_and_every_option_value()
    {
        var attributes = typeof(NetworkAttribute).Assembly.GetExportedTypes()
            .Where(t => typeof(Attribute).IsAssignableFrom(t) && t.Namespace == typeof(NetworkAttribute).Namespace)
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(attributes);
        var (_, output) = GeneratorHarness.Run(Networks);
        var used = new HashSet<string>();
        foreach (var tree in output.SyntaxTrees.Where(t => t.FilePath.StartsWith("Source")))
        {
            var model = output.GetSemanticModel(tree);
            foreach (var attribute in tree.GetRoot().DescendantNodes().OfType<AttributeSyntax>())
            {
                if (model.GetSymbolInfo(attribute).Symbol is IMethodSymbol constructor) used.Add(constructor.ContainingType.Name);
            }
        }
        Assert.Empty(attributes.Except(used));

        string all = string.Join("\n", Networks);
        foreach (var option in new[] { typeof(Activation), typeof(LossKind), typeof(Padding) })
        {
            foreach (var value in Enum.GetNames(option))
            {
                Assert.True(all.Contains(option.Name + "." + value), $"no network uses {option.Name}.{value}");
            }
        }
    }

    [Fact]
    public void Every_runtime_name_in_the_generated_code_binds_to_a_symbol()
    {
        var (result, output) = GeneratorHarness.Run(Networks);
        Assert.Null(result.Exception);
        Assert.Equal(Networks.Sum(n => Regex.Matches(n, @"\[Network").Count), result.GeneratedSources.Length);

        var unbound = new List<string>();
        int checkedNames = 0;
        foreach (var source in result.GeneratedSources)
        {
            var tree = output.SyntaxTrees.Single(t => t.FilePath.EndsWith(source.HintName));
            var model = output.GetSemanticModel(tree);
            string text = tree.GetText().ToString();
            var root = tree.GetRoot();
            foreach (Match match in RuntimeName.Matches(text))
            {
                checkedNames++;
                string where = $"{source.HintName} line {tree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(match.Index, 0)).StartLinePosition.Line + 1}";
                // The name as the compiler parsed it: global::DslNet, then each dotted part above it.
                var alias = root.FindToken(match.Index, findInsideTrivia: true).Parent?.AncestorsAndSelf().OfType<AliasQualifiedNameSyntax>().FirstOrDefault();
                if (alias is null || alias.SpanStart != match.Index)
                {
                    unbound.Add($"{match.Value} ({where}): written outside code, where nothing checks it");
                    continue;
                }
                foreach (var part in DottedParts(alias))
                {
                    if (Bind(model, part) is null)
                    {
                        unbound.Add($"{part} ({where}): binds to nothing");
                        break;
                    }
                }
            }
        }
        Assert.True(unbound.Count == 0, $"Generated runtime names that do not resolve ({unbound.Count} of {checkedNames} checked):\n" + string.Join("\n", unbound.Distinct()));
        Assert.Empty(GeneratorHarness.Errors(output)); // after the names, so a bad name is reported by name first
        Assert.True(checkedNames > 100, $"only {checkedNames} runtime names found: the networks no longer reach the emitters");
    }

    /// <summary><c>global::DslNet</c>, <c>global::DslNet.X</c>, <c>global::DslNet.X.Y</c>…: each prefix of the dotted name.</summary>
    private static IEnumerable<ExpressionSyntax> DottedParts(AliasQualifiedNameSyntax alias)
    {
        ExpressionSyntax node = alias;
        yield return node;
        while (node.Parent is QualifiedNameSyntax q && q.Left == node
               || node.Parent is MemberAccessExpressionSyntax m && m.Expression == node
               || node.Parent is QualifiedCrefSyntax)
        {
            if (node.Parent is QualifiedCrefSyntax) yield break; // a cref's member part is checked by the compiler's cref binding
            node = (ExpressionSyntax)node.Parent;
            yield return node;
        }
    }

    private static ISymbol? Bind(SemanticModel model, ExpressionSyntax node)
    {
        var info = model.GetSymbolInfo(node);
        if (info.Symbol is not null) return info.Symbol;
        // A method group named for nameof or passed on: its candidates are the methods it names.
        return info.CandidateReason == CandidateReason.MemberGroup ? info.CandidateSymbols.FirstOrDefault() : null;
    }
}

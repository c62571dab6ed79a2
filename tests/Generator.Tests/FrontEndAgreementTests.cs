using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using DslNet.Generator.Declaration;
using DslNet.Model;
using DslNet.Text;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// The attribute and .dnn front ends read every layer kind through the same syntax: the same network written both ways,
/// every kind and every option set away from its default, gives the same specs (all but where each value was written).
/// </summary>
public sealed class FrontEndAgreementTests
{
    [Theory]
    [InlineData("""
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [SequenceInput]
        [Embedding(50, 16, Name = "tokens")]
        [PositionalEncoding(Learned = true, MaxLength = 32)]
        [MultiHeadSelfAttention(2, Causal = true, ModelDimension = 16)]
        [TransformerBlock(4, FeedForward = 24, Activation = Activation.Tanh, Causal = true, ModelDimension = 16)]
        [LayerNorm(Name = "norm")]
        [Lstm(12, ReturnSequences = true, Stateful = true)]
        [Gru(10, ReturnSequences = true, Stateful = true, Name = "gate")]
        [SimpleRnn(8)]
        [Dropout(0.25)]
        [Dense(10, Activation = Activation.Softmax)]
        """, """
        network Examples.Net
        input sequence
        embedding 50 16 name=tokens
        positional_encoding learned=true max_length=32
        self_attention 2 causal=true model_dimension=16
        transformer_block 4 feed_forward=24 activation=tanh causal=true model_dimension=16
        layer_norm name=norm
        lstm 12 return_sequences=true stateful=true
        gru 10 return_sequences=true stateful=true name=gate
        simplernn 8
        dropout 0.25
        dense 10 activation=softmax
        loss softmax_cross_entropy
        """)]
    [InlineData("""
        [Network(Loss = LossKind.MeanSquaredError)]
        [Input(1, 12, 12)]
        [Conv2D(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Conv2D(4, 2, PaddingSize = 1, Name = "torchpad")]
        [Upsample2D(2)]
        [ConvTranspose2D(3, 4, Stride = 2, Padding = 1, Activation = Activation.Tanh, Name = "up")]
        [BatchNorm(Momentum = 0.3, Epsilon = 0.001, Name = "bn")]
        [MaxPool2D(2, Stride = 1)]
        [AvgPool2D(2)]
        [GlobalAveragePool2D]
        [Flatten(Name = "flat")]
        [Dense(3, Activation = Activation.Sigmoid)]
        """, """
        network Examples.Net
        input 1, 12, 12
        conv2d 4 kernel=3 stride=2 padding=same activation=relu
        conv2d 4 kernel=2 padding_size=1 name=torchpad
        upsample2d 2
        conv_transpose2d 3 kernel=4 stride=2 padding=1 activation=tanh name=up
        batchnorm momentum=0.3 epsilon=0.001 name=bn
        maxpool2d 2 stride=1
        avgpool2d 2
        global_avgpool2d
        flatten name=flat
        dense 3 activation=sigmoid
        loss mean_squared_error
        """)]
    [InlineData("""
        [Network]
        [Input(2, 8, 8)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
        [Conv2D(4, 3, Padding = Padding.Same, From = "stem")]
        [Add("stem", "conv2d2", Activation = Activation.ReLU, Name = "block")]
        [MaxPool2D(2)]
        [Upsample2D(2, Name = "up")]
        [Concatenate("block", "up", "input")]
        [Flatten]
        [Dense(3)]
        """, """
        network Examples.Net
        input 2, 8, 8
        conv2d 4 kernel=3 padding=same activation=relu name=stem
        conv2d 4 kernel=3 padding=same from=stem
        add stem, conv2d2 activation=relu name=block
        maxpool2d 2
        upsample2d 2 name=up
        concatenate block, up, input
        flatten
        dense 3
        """)]
    public void Attributes_and_text_give_the_same_network(string attributes, string text)
    {
        var compilation = GeneratorHarness.Compile($"using DslNet;\nnamespace Examples;\n{attributes}\npublic partial class Net {{ }}\n");
        var symbol = compilation.GetTypeByMetadataName("Examples.Net")!;
        var fromAttributes = AttributeReader.Read(symbol, CancellationToken.None);
        var document = DnnParser.Parse("/agreement/Net.dnn", text);

        Assert.Empty(fromAttributes.ClassProblems);
        Assert.False(fromAttributes.HasCompilerErrors);
        Assert.Empty(document.Problems);
        Assert.Equal(fromAttributes.Spec.Layers.Count, document.Spec.Layers.Count);
        Assert.Equal(fromAttributes.Spec.Loss, document.Spec.Loss);
        Assert.Equal(Describe(fromAttributes.Spec.Inputs[0].ToString()), Describe(document.Spec.Inputs[0].ToString()));
        for (int i = 0; i < document.Spec.Layers.Count; i++)
        {
            Assert.Equal(Describe(fromAttributes.Spec.Layers[i].ToString()), Describe(document.Spec.Layers[i].ToString()));
        }
    }

    /// <summary>A record's text without its source locations, which differ between the two files by design.</summary>
    private static string Describe(string record) => Regex.Replace(record, @"\w*Location = SourceLocation \{[^}]*\}", "");
}

using System.Linq;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>The generated source of real networks, compared with committed snapshots and compiled.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Digits_sample()
    {
        Verify(RepositoryFiles.Read("samples/Digits/DigitsMlp.cs"), "Digits.DigitsMlp");
    }

    [Fact]
    public void CartPole_sample_policy()
    {
        Verify(RepositoryFiles.Read("samples/CartPole/CartPolePolicy.cs"), "CartPole.CartPolePolicy");
    }

    [Fact]
    public void FashionMnist_sample_w2_network()
    {
        Verify(RepositoryFiles.Read("samples/FashionMnist/FashionCnn.cs"), "FashionMnistSample.FashionCnn"); // its DN0021 is suppressed there by a pragma
    }

    [Fact]
    public void FashionMnist_sample_large_configuration()
    {
        Verify(RepositoryFiles.Read("samples/FashionMnist/FashionCnnLarge.cs"), "FashionMnistSample.FashionCnnLarge");
    }

    [Theory]
    [InlineData("samples/ImageRegression/DiscRadiusCnn.cs", "ImageRegressionSample.DiscRadiusCnn")]
    [InlineData("samples/Segmentation/ShapeSegmenter.cs", "SegmentationSample.ShapeSegmenter")]
    [InlineData("samples/Localization/ShapeLocalizer.cs", "LocalizationSample.ShapeLocalizer")]
    public void Head_samples(string path, string hintStem)
    {
        Verify(RepositoryFiles.Read(path), hintStem, method: "Head_samples");
    }

    [Fact]
    public void Residual_head_with_global_average_pooling()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(3, 6, 6)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Upsample2D(2)]
            [GlobalAveragePool2D(Name = "pool")]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class PooledHead { }
            """, "Examples.PooledHead");
    }

    [Fact]
    public void Residual_block_with_a_projection_and_fan_out()
    {
        // The stem is read by the block's convolution and by Add; the block's output by the next block and by the
        // projection's Add, whose 1×1 convolution reads it through From: gradients summed, ReLU backward once each.
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(1, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [Add("stem", "conv2d3", Activation = Activation.ReLU, Name = "block1")]
            [Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Conv2D(8, 3, Padding = Padding.Same)]
            [Conv2D(8, 1, Stride = 2, Padding = Padding.Same, From = "block1", Name = "projection")]
            [Add("projection", "conv2d6", Activation = Activation.ReLU, Name = "block2")]
            [GlobalAveragePool2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class TinyResNet { }
            """, "Examples.TinyResNet");
    }

    [Fact]
    public void U_net_skip_with_concatenate_and_upsampling()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.BinaryCrossEntropy)]
            [Input(1, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "encoder")]
            [MaxPool2D(2)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "bottom")]
            [Upsample2D(2, Name = "up")]
            [Concatenate("encoder", "up", Name = "skip")]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
            [Conv2D(1, 1, Activation = Activation.Sigmoid, Name = "mask")]
            [Flatten]
            public partial class TinyUNet { }
            """, "Examples.TinyUNet");
    }

    [Fact]
    public void Decoder_with_transposed_convolutions()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.MeanSquaredError)]
            [Input(4, 3, 3)]
            [ConvTranspose2D(8, 4, Stride = 2, Padding = 1, Activation = Activation.ReLU)]
            [ConvTranspose2D(1, 3, Padding = 1, Activation = Activation.Sigmoid)]
            public partial class Decoder { }
            """, "Examples.Decoder");
    }

    [Fact]
    public void Batch_normalisation_after_a_convolution_and_a_dense_layer()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(1, 6, 6)]
            [Conv2D(4, 3)]
            [BatchNorm(Activation = Activation.ReLU)]
            [Flatten]
            [Dense(8, Activation = Activation.ReLU)]
            [BatchNorm(Momentum = 0.01)]
            [Dense(3, Activation = Activation.Softmax)]
            public partial class NormedCnn { }
            """, "Examples.NormedCnn");
    }

    [Fact]
    public void Batch_normalisation_folded_into_the_convolution_and_dense_layer_before_it()
    {
        // W4's network (on 26×26, so no pooling drops a row) with a BatchNorm after each convolution and the first Dense
        // layer: at inference each BatchNorm runs inside the pass of the layer before it, and each convolution keeps its
        // fused 2×2 max pooling.
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(1, 26, 26)]
            [Conv2D(8, 3)]
            [BatchNorm(Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 3)]
            [BatchNorm(Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(64)]
            [BatchNorm(Activation = Activation.ReLU)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class FoldedNormedCnn { }
            """, "Examples.FoldedNormedCnn");
    }

    [Fact]
    public void Character_lstm_language_model()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [SequenceInput]
            [Embedding(65, 16)]
            [Lstm(24, ReturnSequences = true)]
            [Dense(65, Activation = Activation.Softmax)]
            public partial class CharLstm { }
            """, "Examples.CharLstm");
    }

    [Fact]
    public void Residual_lstm_and_a_gru_branch_over_an_embedding()
    {
        // The embedding is read by the LSTM, the Add and the GRU (From): three gradients summed per step; the Add's and
        // the Concatenate's calls run over batch × time-step rows.
        Verify(TextDslTests.ResidualTaggerAttributes, "Examples.ResidualTagger");
    }

    [Fact]
    public void Convolutions_with_pytorch_integer_padding()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network]
            [Input(2, 6, 7)]
            [Conv2D(4, 2, PaddingSize = 1, Activation = Activation.Tanh)]
            [Conv2D(3, 3, Stride = 2, PaddingSize = 1, Activation = Activation.ReLU)]
            [Flatten]
            [Dense(3)]
            public partial class PaddedCnn { }
            """, "Examples.PaddedCnn");
    }

    [Fact]
    public void Gru_tagger_with_variable_lengths_and_a_stateful_last_state()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network]
            [SequenceInput(3)]
            [Gru(6, ReturnSequences = true)]
            [Gru(5, Stateful = true)]
            [Dense(2)]
            public partial class GruTagger { }
            """, "Examples.GruTagger");
    }

    [Fact]
    public void Stateful_simple_rnn_returning_its_last_state()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network]
            [SequenceInput(3)]
            [SimpleRnn(5, Stateful = true)]
            [Dense(1)]
            public partial class Summer { }
            """, "Examples.Summer");
    }

    [Fact]
    public void Small_causal_attention_network()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [SequenceInput]
            [Embedding(5, 4)]
            [PositionalEncoding]
            [LayerNorm]
            [MultiHeadSelfAttention(2, Causal = true)]
            [Dense(5, Activation = Activation.Softmax)]
            public partial class TinyAttention { }
            """, "Examples.TinyAttention");
    }

    [Fact]
    public void Small_causal_decoder_with_learned_positions_and_a_transformer_block()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [SequenceInput]
            [Embedding(11, 8)]
            [PositionalEncoding(Learned = true, MaxLength = 16)]
            [TransformerBlock(2, FeedForward = 16, Causal = true, ModelDimension = 8)]
            [LayerNorm]
            [Dense(11, Activation = Activation.Softmax)]
            public partial class TinyDecoder { }
            """, "Examples.TinyDecoder");
    }

    [Fact]
    public void Regression_mlp_with_tanh_and_linear_output()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network]
            [Input(3)]
            [Dense(20, Activation = Activation.Tanh)]
            [Dense(1)]
            public partial class Regressor { }
            """, "Examples.Regressor");
    }

    [Fact]
    public void Binary_classifier_nested_in_a_partial_type()
    {
        Verify("""
            using DslNet;
            namespace Examples
            {
                public static partial class Models
                {
                    [Network]
                    [Input(30)]
                    [Dense(16, Activation = Activation.ReLU, Name = "hidden")]
                    [Dense(8, Activation = Activation.Sigmoid, Name = "gate")]
                    [Dense(1, Activation = Activation.Sigmoid, Name = "probability")]
                    public partial class SpamFilter { }
                }
            }
            """, "Examples.Models.SpamFilter");
    }

    [Fact]
    public void Fashion_cnn_with_every_convolutional_layer_kind()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network(Loss = LossKind.SoftmaxCrossEntropy)]
            [Input(1, 28, 28)]
            [Conv2D(8, 3, Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
            [AvgPool2D(2, Stride = 1)]
            [Flatten]
            [Dropout(0.25)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class FashionCnn { }
            """, "Examples.FashionCnn");
    }

    [Fact]
    public void Stub_for_a_network_with_a_shape_error()
    {
        Verify("""
            using DslNet;
            namespace Examples;
            [Network]
            [Input(1, 28, 28)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Broken { }
            """, "Examples.Broken", expectDiagnostics: true);
    }

    private static void Verify(string source, string hintStem, bool expectDiagnostics = false, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        var (result, output) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics); // attribute networks are reported by the analyzer
        Assert.Equal(expectDiagnostics, GeneratorHarness.Diagnostics(source).Any());
        var generated = Assert.Single(result.GeneratedSources);
        Assert.Equal(hintStem + ".g.cs", generated.HintName);
        // The generated code must compile with the user's code: only our own diagnostics may be errors.
        Assert.DoesNotContain(GeneratorHarness.Errors(output), d => !d.Id.StartsWith("DN"));
        ParameterAgreement.Check(generated.SourceText.ToString(), hintStem);
        Snapshot.Match(generated.SourceText.ToString(), nameof(SnapshotTests), hintStem, method);
    }
}

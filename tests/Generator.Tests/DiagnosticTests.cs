using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>Every DN id: triggered, on the exact attribute, argument or identifier at fault, with its message.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void DN0001_no_input() => AssertSingle("""
        [Network]
        [Dense(3)]
        public partial class NoInput { }
        """, "DN0001", "NoInput", "Network 'NoInput' declares no input; the first layer needs the shape of one sample, for example [Input(64)]");

    [Fact]
    public void DN0002_zero_units_points_at_the_argument() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(0, Activation = Activation.ReLU)]
        public partial class ZeroUnits { }
        """, "DN0002", "0", "Dense #1: units must be a positive number, got 0");

    [Fact]
    public void DN0002_zero_gru_units_points_at_the_argument() => AssertSingle("""
        [Network]
        [SequenceInput(3)]
        [Gru(0)]
        public partial class Empty { }
        """, "DN0002", "0", "Gru #1: units must be a positive number, got 0");

    [Fact]
    public void DN0002_negative_input_dimension() => AssertSingle("""
        [Network]
        [Input(4, -2)]
        [Dense(3)]
        public partial class NegativeInput { }
        """, "DN0002", "Input(4, -2)", "Input: dimension 1 must be a positive number, got -2");

    [Fact]
    public void DN0003_dense_on_a_feature_map() => AssertSingle("""
        [Network]
        [Input(1, 28, 28)]
        [Dense(10, Name = "classifier")]
        public partial class NeedsFlat { }
        """, "DN0003", "Dense(10, Name = \"classifier\")",
        "'classifier' (Dense #1) expects a vector (rank 1), but receives shape [1, 28, 28]; add [Flatten] before it");

    [Fact]
    public void DN0004_softmax_before_the_last_layer() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(8, Activation = Activation.Softmax)]
        [Dense(2)]
        public partial class EarlySoftmax { }
        """, "DN0004", "Dense(8, Activation = Activation.Softmax)",
        "Dense #1 uses Activation.Softmax, which is allowed only on the last layer; it is followed by Dense #2");

    [Fact]
    public void DN0005_class_not_partial() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(2)]
        public class NotPartial { }
        """, "DN0005", "NotPartial", "Class 'NotPartial' has [Network] but is not declared 'partial'; the generator cannot add its code");

    [Fact]
    public void DN0006_generic_class() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(2)]
        public partial class Generic<T> { }
        """, "DN0006", "Generic", "Class 'Generic' has [Network] but is generic; a network's sizes must be fixed at compile time");

    [Fact]
    public void DN0007_nested_in_a_non_partial_type() => AssertSingle("""
        public class Outer
        {
            [Network]
            [Input(4)]
            [Dense(2)]
            public partial class Inner { }
        }
        """, "DN0007", "Inner", "Class 'Inner' is nested in 'Outer', which is not 'partial'; declare every containing type partial");

    [Fact]
    public void DN0008_layers_on_two_partial_declarations() => AssertSingle("""
        [Network]
        [Input(4)]
        public partial class Split { }

        [Dense(2)]
        public partial class Split { }
        """, "DN0008", "Split", "Network 'Split' has layer attributes on 2 partial declarations; their order is undefined, keep them on one");

    [Fact]
    public void DN0009_two_inputs_points_at_the_second() => AssertSingle("""
        [Network]
        [Input(4)]
        [Input(5)]
        [Dense(2)]
        public partial class TwoInputs { }
        """, "DN0009", "Input(5)", "Network 'TwoInputs' declares [Input] 2 times; declare exactly one");

    [Fact]
    public void DN0010_no_layers() => AssertSingle("""
        [Network]
        [Input(4)]
        public partial class Empty { }
        """, "DN0010", "Empty", "Network 'Empty' declares an input but no layers after it");

    [Fact]
    public void DN0011_activation_outside_the_enum() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(2, Activation = (Activation)42)]
        public partial class OddActivation { }
        """, "DN0011", "Dense(2, Activation = (Activation)42)", "Dense #1: activation value 42 is not one of Linear, ReLU, Sigmoid, Tanh, Softmax");

    [Fact]
    public void DN0012_name_that_is_not_an_identifier() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(2, Name = "my layer")]
        public partial class BadName { }
        """, "DN0012", "Dense(2, Name = \"my layer\")",
        "'my layer' (Dense #1): the name 'my layer' is not an identifier; a layer name is a C# identifier (letters, digits, '_'), unique in the network");

    [Fact]
    public void DN0012_duplicate_name() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dense(3)]
        [Dense(2, Name = "dense1")]
        public partial class Duplicate { }
        """, "DN0012", "Dense(2, Name = \"dense1\")",
        "'dense1' (Dense #2): the name 'dense1' is already used; a layer name is a C# identifier (letters, digits, '_'), unique in the network");

    [Fact]
    public void DN0013_softmax_cross_entropy_on_a_single_output() => AssertSingle("""
        [Network(Loss = LossKind.SoftmaxCrossEntropy)]
        [Input(4)]
        [Dense(1, Activation = Activation.Sigmoid)]
        public partial class OneClass { }
        """, "DN0013", "Loss = LossKind.SoftmaxCrossEntropy",
        "Loss SoftmaxCrossEntropy needs an output of at least 2 classes from Softmax or Linear (logits), but Dense #1 outputs [1] with Sigmoid");

    [Fact]
    public void DN0014_binary_cross_entropy_after_relu() => AssertSingle("""
        [Network(Loss = LossKind.BinaryCrossEntropy)]
        [Input(4)]
        [Dense(1, Activation = Activation.ReLU)]
        public partial class NotAProbability { }
        """, "DN0014", "Loss = LossKind.BinaryCrossEntropy",
        "Loss BinaryCrossEntropy needs outputs in (0, 1) from Sigmoid, or logits from Linear, but Dense #1 uses ReLU");

    [Fact]
    public void DN0018_loss_outside_the_enum() => AssertSingle("""
        [Network(Loss = (LossKind)7)]
        [Input(4)]
        [Dense(1)]
        public partial class OddLoss { }
        """, "DN0018", "Loss = (LossKind)7",
        "Loss value 7 is not one of None, MeanSquaredError, BinaryCrossEntropy, SoftmaxCrossEntropy");

    [Fact]
    public void Fitting_losses_raise_nothing()
    {
        Assert.Empty(GeneratorHarness.Diagnostics(Wrap("""
            [Network(Loss = LossKind.SoftmaxCrossEntropy)] [Input(4)] [Dense(3, Activation = Activation.Softmax)] public partial class A { }
            [Network(Loss = LossKind.SoftmaxCrossEntropy)] [Input(4)] [Dense(3)] public partial class B { }
            [Network(Loss = LossKind.BinaryCrossEntropy)] [Input(4)] [Dense(1, Activation = Activation.Sigmoid)] public partial class C { }
            [Network(Loss = LossKind.MeanSquaredError)] [Input(4)] [Dense(2, Activation = Activation.Tanh)] public partial class D { }
            """)));
    }

    [Fact]
    public void DN0020_kernel_larger_than_its_input() => AssertSingle("""
        [Network]
        [Input(1, 4, 6)]
        [Conv2D(8, 5, Name = "wide")]
        public partial class BigKernel { }
        """, "DN0020", "Conv2D(8, 5, Name = \"wide\")",
        "'wide' (Conv2D #1): the kernel window 5×5 is larger than its input [1, 4, 6] (height × width 4×6); use Padding = Padding.Same or a smaller kernel");

    [Fact]
    public void DN0020_pooling_window_larger_than_its_input() => AssertSingle("""
        [Network]
        [Input(2, 3, 3)]
        [MaxPool2D(4)]
        public partial class BigPool { }
        """, "DN0020", "MaxPool2D(4)",
        "MaxPool2D #1: the pooling window 4×4 is larger than its input [2, 3, 3] (height × width 3×3)");

    [Fact]
    public void DN0021_pooling_that_floors_is_a_warning()
    {
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(Wrap("""
            [Network]
            [Input(16, 11, 11)]
            [MaxPool2D(2)]
            public partial class Floors { }
            """)));
        Assert.Equal("DN0021", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((4, 1), (position.Line, position.Character)); // the MaxPool2D attribute, inside its brackets
        Assert.Equal("MaxPool2D(2)".Length, diagnostic.Location.SourceSpan.Length);
        Assert.Equal("MaxPool2D #1: window 2×2 with stride 2 over [16, 11, 11] leaves the last 1 row(s) and 1 column(s) unused; the output is [16, 5, 5]", diagnostic.GetMessage());
    }

    [Fact]
    public void DN0022_dropout_rate_of_one() => AssertSingle("""
        [Network]
        [Input(4)]
        [Dropout(1.0)]
        [Dense(2)]
        public partial class DropsAll { }
        """, "DN0022", "1.0", "Dropout #1: the dropout rate must be in [0, 1), got 1");

    [Fact]
    public void DN0023_softmax_on_a_feature_map() => AssertSingle("""
        [Network]
        [Input(3, 8, 8)]
        [Conv2D(4, 1, Activation = Activation.Softmax)]
        public partial class PixelSoftmax { }
        """, "DN0023", "Conv2D(4, 1, Activation = Activation.Softmax)",
        "Conv2D #1 uses Activation.Softmax on a feature map [4, 8, 8]; softmax is supported on Dense outputs only (use Linear logits here)");

    [Fact]
    public void DN0024_weights_too_large_for_one_layer() => AssertSingle("""
        [Network]
        [Input(100000)]
        [Dense(1000)]
        public partial class Huge { }
        """, "DN0024", "Dense(1000)", "Dense #1: the weights would hold 100,001,000 floats; DslNet allows at most 16,777,216 per sample and per layer");

    [Fact]
    public void DN0025_stacked_lstm_without_return_sequences() => AssertSingle("""
        [Network]
        [SequenceInput(8)]
        [Lstm(16)]
        [Lstm(16, Name = "second")]
        public partial class Stacked { }
        """, "DN0025", "Lstm(16, Name = \"second\")",
        "'second' (Lstm #2) expects a sequence of feature vectors [time, features], but receives [16]; declare the input as [SequenceInput(features)], or set ReturnSequences = true on the recurrent layer before it");

    [Fact]
    public void DN0025_gru_after_a_gru_without_return_sequences() => AssertSingle("""
        [Network]
        [SequenceInput(8)]
        [Gru(16)]
        [Gru(16, Name = "second")]
        public partial class StackedGru { }
        """, "DN0025", "Gru(16, Name = \"second\")",
        "'second' (Gru #2) expects a sequence of feature vectors [time, features], but receives [16]; declare the input as [SequenceInput(features)], or set ReturnSequences = true on the recurrent layer before it");

    [Fact]
    public void DN0025_recurrent_layers_on_token_ids_images_and_plain_inputs()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [SequenceInput] [SimpleRnn(4)] public partial class RnnOnIds { }
            [Network] [SequenceInput(1, 8, 8)] [Lstm(4)] public partial class LstmOnFrames { }
            [Network] [Input(8)] [Lstm(4)] public partial class LstmOnVector { }
            [Network] [SequenceInput] [Gru(4)] public partial class GruOnIds { }
            """));
        Assert.Equal(
            [
                "SimpleRnn #1 expects a sequence of feature vectors [time, features], but receives [time]; token ids need an [Embedding(vocabulary, dimension)] first",
                "Lstm #1 expects a sequence of feature vectors [time, features], but receives [time, 1, 8, 8]; add [Flatten] before it to make each step a vector",
                "Lstm #1 expects a sequence of feature vectors [time, features], but receives [8]; declare the input as [SequenceInput(features)], or set ReturnSequences = true on the recurrent layer before it",
                "Gru #1 expects a sequence of feature vectors [time, features], but receives [time]; token ids need an [Embedding(vocabulary, dimension)] first",
            ],
            diagnostics.Select(d => d.GetMessage()).ToArray());
        Assert.All(diagnostics, d => Assert.Equal("DN0025", d.Id));
    }

    [Fact]
    public void DN0026_embedding_on_feature_vectors() => AssertSingle("""
        [Network]
        [SequenceInput(65)]
        [Embedding(65, 16)]
        public partial class EmbedFeatures { }
        """, "DN0026", "Embedding(65, 16)",
        "Embedding #1 expects a sequence of token ids [time], but receives [time, 65]; an embedding reads one token id per step, declared as [SequenceInput]");

    [Fact]
    public void DN0027_positional_encoding_on_token_ids_images_and_plain_vectors()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [SequenceInput] [PositionalEncoding] public partial class CodeOnIds { }
            [Network] [SequenceInput(1, 4, 4)] [PositionalEncoding(Name = "positions")] public partial class CodeOnFrames { }
            [Network] [Input(8)] [PositionalEncoding] public partial class CodeOnVector { }
            """));
        Assert.Equal(
            [
                "PositionalEncoding #1 expects a sequence of vectors [time, d], but receives [time]; token ids need an [Embedding(vocabulary, d)] first",
                "'positions' (PositionalEncoding #1) expects a sequence of vectors [time, d], but receives [time, 1, 4, 4]; add [Flatten] before it to make each step a vector",
                "PositionalEncoding #1 expects a sequence of vectors [time, d], but receives [8]; declare the input as [SequenceInput(d)], or set ReturnSequences = true on the recurrent layer before it",
            ],
            diagnostics.Select(d => d.GetMessage()).ToArray());
        Assert.All(diagnostics, d => Assert.Equal("DN0027", d.Id));
    }

    [Fact]
    public void DN0028_model_dimension_not_divisible_by_the_heads() => AssertSingle("""
        [Network]
        [SequenceInput(10)]
        [MultiHeadSelfAttention(4, Causal = true)]
        public partial class Heads { }
        """, "DN0028", "4", "MultiHeadSelfAttention #1 splits the model dimension 10 into 4 heads, but 10 is not a multiple of 4");

    [Fact]
    public void DN0027_attention_on_a_plain_vector_and_DN0002_on_zero_heads()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [Input(8)] [MultiHeadSelfAttention(2)] public partial class AttendVector { }
            [Network] [SequenceInput(8)] [MultiHeadSelfAttention(0)] public partial class NoHeads { }
            """));
        Assert.Equal(
            [
                ("DN0027", "MultiHeadSelfAttention #1 expects a sequence of vectors [time, d], but receives [8]; declare the input as [SequenceInput(d)], or set ReturnSequences = true on the recurrent layer before it"),
                ("DN0002", "MultiHeadSelfAttention #1: the number of heads must be a positive number, got 0"),
            ],
            diagnostics.Select(d => (d.Id, d.GetMessage())).ToArray());
    }

    [Fact]
    public void Transformer_block_rules_heads_width_activation_and_input()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [SequenceInput(6)] [TransformerBlock(4)] public partial class BlockHeads { }
            [Network] [SequenceInput(8)] [TransformerBlock(2, FeedForward = -1, Activation = (Activation)9)] public partial class BlockOptions { }
            [Network] [Input(8)] [TransformerBlock(2, Name = "block")] public partial class BlockOnVector { }
            """));
        Assert.Equal(
            [
                ("DN0028", "TransformerBlock #1 splits the model dimension 6 into 4 heads, but 6 is not a multiple of 4"),
                ("DN0002", "TransformerBlock #1: the feed-forward width must be a positive number, got -1"),
                ("DN0011", "TransformerBlock #1: activation value 9 is not one of Linear, ReLU, Sigmoid, Tanh, Softmax"),
                ("DN0027", "'block' (TransformerBlock #1) expects a sequence of vectors [time, d], but receives [8]; declare the input as [SequenceInput(d)], or set ReturnSequences = true on the recurrent layer before it"),
            ],
            diagnostics.Select(d => (d.Id, d.GetMessage())).ToArray());
    }

    [Fact]
    public void DN0029_learned_positional_encoding_without_max_length_points_at_the_attribute() => AssertSingle("""
        [Network]
        [SequenceInput]
        [Embedding(10, 8)]
        [PositionalEncoding(Learned = true)]
        public partial class NoMaximum { }
        """, "DN0029", "PositionalEncoding(Learned = true)",
        "PositionalEncoding #2: Learned = true but no MaxLength; a learned encoding trains one row of d parameters per position up to MaxLength, "
        + "the sinusoidal one has no maximum, so set MaxLength to the longest sequence it will see, as in [PositionalEncoding(Learned = true, MaxLength = 128)]");

    [Fact]
    public void DN0029_max_length_on_a_sinusoidal_encoding_points_at_the_argument() => AssertSingle("""
        [Network]
        [SequenceInput(8)]
        [PositionalEncoding(MaxLength = 128, Name = "positions")]
        public partial class SinusoidalMaximum { }
        """, "DN0029", "MaxLength = 128",
        "'positions' (PositionalEncoding #1): MaxLength = 128 without Learned = true; a learned encoding trains one row of d parameters per position up to MaxLength, "
        + "the sinusoidal one has no maximum, so set Learned = true for a trained table of positions, or remove MaxLength");

    [Fact]
    public void DN0029_negative_max_length_and_a_table_too_large_for_DN0024()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [SequenceInput(8)] [PositionalEncoding(Learned = true, MaxLength = -3)] public partial class Negative { }
            [Network] [SequenceInput(512)] [PositionalEncoding(Learned = true, MaxLength = 100000)] public partial class Huge { }
            [Network] [SequenceInput] [PositionalEncoding(Learned = true, MaxLength = 16)] public partial class OnIds { }
            """));
        Assert.Equal(["DN0029", "DN0024", "DN0027"], diagnostics.Select(d => d.Id).ToArray());
        Assert.StartsWith("PositionalEncoding #1: Learned = true with MaxLength = -3; ", diagnostics[0].GetMessage());
        Assert.Equal("PositionalEncoding #1: the weights would hold 51,200,000 floats; DslNet allows at most 16,777,216 per sample and per layer", diagnostics[1].GetMessage());
    }

    [Fact]
    public void DN0030_a_block_declared_for_another_model_dimension_than_its_embedding() => AssertSingle("""
        [Network]
        [SequenceInput]
        [Embedding(100, 48)]
        [PositionalEncoding]
        [LayerNorm]
        [TransformerBlock(4, Causal = true, ModelDimension = 64)]
        public partial class Mismatch { }
        """, "DN0030", "ModelDimension = 64",
        "TransformerBlock #4 is declared for model dimension 64, but receives [time, 48], 48 features per step; change the dimension of Embedding #1 to 64, or ModelDimension to 48");

    [Fact]
    public void DN0030_attention_names_the_layer_or_input_that_sets_the_features_and_DN0002_a_negative_dimension()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [SequenceInput(6)] [MultiHeadSelfAttention(2, ModelDimension = 8)] public partial class OnInput { }
            [Network] [SequenceInput(3)] [Lstm(6, ReturnSequences = true, Name = "encoder")] [MultiHeadSelfAttention(2, ModelDimension = 8)] public partial class OnLstm { }
            [Network] [SequenceInput(3)] [Dense(10)] [MultiHeadSelfAttention(2, ModelDimension = 8)] public partial class OnDense { }
            [Network] [SequenceInput(8)] [MultiHeadSelfAttention(2, ModelDimension = 8)] [TransformerBlock(2, ModelDimension = 8)] public partial class Matching { }
            [Network] [SequenceInput(8)] [TransformerBlock(2, ModelDimension = -8)] public partial class Negative { }
            """));
        Assert.Equal(
            [
                ("DN0030", "MultiHeadSelfAttention #1 is declared for model dimension 8, but receives [time, 6], 6 features per step; declare the input as [SequenceInput(8)], or set ModelDimension to 6"),
                ("DN0030", "MultiHeadSelfAttention #2 is declared for model dimension 8, but receives [time, 6], 6 features per step; change the units of 'encoder' (Lstm #1) to 8, or ModelDimension to 6"),
                ("DN0030", "MultiHeadSelfAttention #2 is declared for model dimension 8, but receives [time, 10], 10 features per step; change the units of Dense #1 to 8, or ModelDimension to 10"),
                ("DN0002", "TransformerBlock #1: the model dimension must be a positive number, got -8"),
            ],
            diagnostics.Select(d => (d.Id, d.GetMessage())).ToArray());
    }

    [Fact]
    public void DN0003_layer_norm_on_a_feature_map() => AssertSingle("""
        [Network]
        [Input(1, 4, 4)]
        [LayerNorm]
        public partial class NormImage { }
        """, "DN0003", "LayerNorm", "LayerNorm #1 expects a vector (rank 1), but receives shape [1, 4, 4]; add [Flatten] before it");

    [Fact]
    public void DN0024_sizes_that_would_overflow_never_reach_the_emitter()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [Input(65536, 65536, 65536)] [Flatten] [Dense(2)] public partial class Overflow { }
            [Network] [Input(3, 2000, 2000)] [Conv2D(4, 5, Padding = Padding.Same)] public partial class WideImage { }
            """));
        Assert.Equal(["DN0024", "DN0024"], diagnostics.Select(d => d.Id).ToArray());
    }

    [Fact]
    public void DN0024_the_whole_network_limit_says_it_is_the_whole_network() => AssertSingle("""
        [Network]
        [Input(2048)]
        [Dense(2048)]
        [Dense(2048)]
        [Dense(2048)]
        [Dense(2048)]
        public partial class Wide { }
        """, "DN0024", "Wide",
        "Network 'Wide': all its layers' weights together would hold 16,785,408 floats; DslNet allows at most 16,777,216 in a whole network, all its layers together (each of these layers fits on its own)");

    [Fact]
    public void DN0003_a_convolution_after_flatten_names_flatten_as_the_cause()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [Input(1, 8, 8)] [Conv2D(4, 3)] [Flatten] [Dropout(0.5)] [Conv2D(4, 3)] public partial class AfterFlatten { }
            [Network] [Input(1, 8, 8)] [Flatten] [Dense(16, Name = "hidden")] [MaxPool2D(2)] public partial class AfterDense { }
            """));
        Assert.Equal(
            [
                "Conv2D #4 expects a feature map [channels, height, width] (rank 3), but receives shape [144]; Flatten #2 before it made the feature map a vector: move it after the convolution and pooling layers",
                "MaxPool2D #3 expects a feature map [channels, height, width] (rank 3), but receives shape [16]; 'hidden' (Dense #2) before it outputs a vector: place convolution and pooling layers before it",
            ],
            diagnostics.Select(d => d.GetMessage()).ToArray());
    }

    [Fact]
    public void DN0003_conv_on_a_vector_and_dense_on_a_feature_map()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network] [Input(64)] [Conv2D(4, 3)] public partial class ConvOnVector { }
            [Network] [Input(1, 8, 8)] [Conv2D(4, 3)] [Dense(10)] public partial class DenseOnMap { }
            """));
        Assert.Equal(
            [
                "Conv2D #1 expects a feature map [channels, height, width] (rank 3), but receives shape [64]; declare the input with its channels, height and width, as [Input(1, 28, 28)]",
                "Dense #2 expects a vector (rank 1), but receives shape [4, 6, 6]; add [Flatten] before it",
            ],
            diagnostics.Select(d => d.GetMessage()).ToArray());
    }

    [Fact]
    public void Several_problems_are_reported_in_one_build()
    {
        var diagnostics = GeneratorHarness.Diagnostics(Wrap("""
            [Network]
            [Input(4)]
            [Dense(0)]
            [Dense(8, Activation = Activation.Softmax)]
            [Dense(-1)]
            public partial class ManyProblems { }
            """));
        Assert.Equal(["DN0002", "DN0004", "DN0002"], diagnostics.Select(d => d.Id).ToArray());
    }

    [Theory]
    [InlineData("public static partial class Kind { }", "is static")]
    [InlineData("public abstract partial class Kind { }", "is abstract")]
    [InlineData("public partial class Kind(int width) { }", "has a primary constructor")]
    public void DN0031_a_class_the_generated_code_cannot_fit(string declaration, string reason) => AssertSingle(
        "[Network]\n[Input(4)]\n[Dense(2)]\n" + declaration, "DN0031", "Kind",
        $"Class 'Kind' has [Network] but {reason}; a network is a plain 'partial class' (sealed or not) that the generated code can construct and copy: not static, not abstract, not a record, without a primary constructor");

    [Fact]
    public void DN0031_a_record_is_refused_not_skipped()
    {
        var source = Wrap("[Network]\n[Input(4)]\n[Dense(2)]\npublic partial record Kind { }");
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal("DN0031", diagnostic.Id);
        Assert.Equal(
            "Class 'Kind' has [Network] but is a record; a network is a plain 'partial class' (sealed or not) that the generated code can construct and copy: not static, not abstract, not a record, without a primary constructor",
            diagnostic.GetMessage());
        Assert.Equal(source.IndexOf("Kind"), diagnostic.Location.SourceSpan.Start);
        Assert.Equal("Kind", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("public static partial class Kind { }")]
    [InlineData("public abstract partial class Kind { }")]
    [InlineData("public partial class Kind(int width) { }")]
    [InlineData("public partial record Kind { }")]
    [InlineData("public sealed partial class Kind { }")]
    [InlineData("internal partial class Kind { }")]
    public void No_class_kind_leaves_a_compile_error_inside_generated_code(string declaration)
    {
        var (result, output) = GeneratorHarness.Run(Wrap("[Network]\n[Input(4)]\n[Dense(2)]\n" + declaration));
        Assert.Null(result.Exception);
        var generated = result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        Assert.DoesNotContain(GeneratorHarness.Errors(output), d => generated.Contains(d.Location.SourceTree!));
    }

    [Fact]
    public void A_valid_network_has_no_diagnostics_and_every_id_is_in_the_catalogue()
    {
        Assert.Empty(GeneratorHarness.Diagnostics(Wrap("[Network][Input(4)][Dense(2)] public partial class Fine { }")));
        var ids = DslNet.Checks.ProblemCatalogue.All.Select(p => p.Id).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"DN{i:0000}").ToArray(), ids);
    }

    private static string Wrap(string body) => "using DslNet;\nnamespace Examples;\n" + body + "\n";

    private static void AssertSingle(string body, string id, string spanText, string message)
    {
        var source = Wrap(body);
        var diagnostic = Assert.Single(GeneratorHarness.Diagnostics(source));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);

        // The span covers exactly the text at fault, and its line and column agree with it.
        int start = id == "DN0009" ? source.LastIndexOf(spanText) : source.IndexOf(spanText);
        if (id is "DN0001" or "DN0005" or "DN0006" or "DN0007" or "DN0008" or "DN0010" or "DN0031" || (id == "DN0024" && spanText == "Wide"))
        {
            start = source.IndexOf("class " + spanText) + "class ".Length;
        }
        else if (id == "DN0022")
        {
            start = source.IndexOf("Dropout(") + "Dropout(".Length;
        }
        else if (id == "DN0002" && spanText == "0")
        {
            start = source.IndexOf("(0") + 1; // the first argument written as 0: Dense(0 or Gru(0
        }
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(spanText, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        var before = source.Substring(0, start);
        Assert.Equal(before.Count(c => c == '\n'), position.Line);
        Assert.Equal(start - (before.LastIndexOf('\n') + 1), position.Character);
    }
}

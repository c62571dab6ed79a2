using System.Linq;
using DslNet.Checks;
using DslNet.Model;
using Xunit;

namespace DslNet.Dsl.Tests;

public sealed class ShapeInferenceTests
{
    private static readonly SourceLocation Here = new("Net.cs", 10, 5, 1, 2, 1, 7);

    private static NetworkSpec Network(int[][] inputs, params LayerSpec[] layers) =>
        new("Net", Here, inputs.Select(d => new InputSpec(d.ToEquatableArray(), Here)).ToEquatableArray(), layers.ToEquatableArray());

    private static DenseSpec Dense(int index, int units, Activation activation = Activation.Linear, string? name = null) =>
        new(index, name, Here, units, activation, Here);

    [Fact]
    public void Sequence_layers_get_time_distributed_shapes_and_fused_gate_parameters()
    {
        var network = new NetworkSpec("Net", Here, new[] { new InputSpec(new int[0].ToEquatableArray(), Here, IsSequence: true) }.ToEquatableArray(),
            new LayerSpec[]
            {
                new EmbeddingSpec(1, null, Here, 65, 16, Here, Here),
                new RecurrentSpec(2, null, Here, RecurrentCell.Lstm, 32, ReturnSequences: true, Stateful: false, Here),
                new RecurrentSpec(3, null, Here, RecurrentCell.Simple, 8, ReturnSequences: true, Stateful: false, Here),
                Dense(4, 65, Activation.Softmax),
            }.ToEquatableArray());

        var result = ShapeInference.Infer(network);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "[time]→[time, 16]", "[time, 16]→[time, 32]", "[time, 32]→[time, 8]", "[time, 8]→[time, 65]" }, result.Layers.Select(l => $"{l.Input}→{l.Output}"));
        Assert.Equal(new[] { 65 * 16, 4 * 32 * (16 + 32 + 1), 8 * (32 + 8 + 1), 8 * 65 + 65 }, result.Layers.Select(l => l.ParameterCount));
        Assert.Equal(Shape.Sequence(65), result.Output);
    }

    [Fact]
    public void LayerNorm_keeps_a_vector_or_a_sequence_of_vectors_and_has_a_gain_and_bias_per_feature()
    {
        var sequence = new NetworkSpec("Net", Here, new[] { new InputSpec(new[] { 12 }.ToEquatableArray(), Here, IsSequence: true) }.ToEquatableArray(),
            new LayerSpec[] { new LayerNormSpec(1, null, Here), Dense(2, 4), new LayerNormSpec(3, null, Here) }.ToEquatableArray());
        var result = ShapeInference.Infer(sequence);
        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "[time, 12]→[time, 12]", "[time, 12]→[time, 4]", "[time, 4]→[time, 4]" }, result.Layers.Select(l => $"{l.Input}→{l.Output}"));
        Assert.Equal(new[] { 24, 52, 8 }, result.Layers.Select(l => l.ParameterCount));
        Assert.Equal("layernorm1", result.Layers[0].Layer.Name);

        var vector = ShapeInference.Infer(Network([[7]], new LayerNormSpec(1, null, Here)));
        Assert.Empty(vector.Problems);
        Assert.Equal(new Shape(7), vector.Output);
    }

    [Fact]
    public void A_learned_positional_encoding_has_a_row_per_position_and_a_declared_model_dimension_changes_no_count()
    {
        var network = new NetworkSpec("Net", Here, new[] { new InputSpec(new int[0].ToEquatableArray(), Here, IsSequence: true) }.ToEquatableArray(),
            new LayerSpec[]
            {
                new EmbeddingSpec(1, null, Here, 10, 8, Here, Here),
                new PositionalEncodingSpec(2, null, Here, Learned: true, MaxLength: 32, Here),
                new PositionalEncodingSpec(3, null, Here, Learned: false, MaxLength: 0, Here),
                new AttentionSpec(4, null, Here, 2, Causal: true, Here, ModelDimension: 8, Here),
                new TransformerBlockSpec(5, null, Here, 2, 0, Activation.ReLU, Causal: false, Here, ModelDimension: 0, Here),
            }.ToEquatableArray());

        var result = ShapeInference.Infer(network);

        Assert.Empty(result.Problems);
        Assert.All(result.Layers.Skip(1), l => Assert.Equal(Shape.Sequence(8), l.Output));
        Assert.Equal(new[] { 80, 32 * 8, 0, 4 * 8 * 9, 4 * 8 + 4 * 8 * 9 + 2 * 8 * 32 + 32 + 8 }, result.Layers.Select(l => l.ParameterCount));
    }

    [Fact]
    public void LayerNorm_on_a_feature_map_or_token_ids_is_a_rank_mismatch()
    {
        var image = Assert.Single(ShapeInference.Infer(Network([[1, 4, 4]], new LayerNormSpec(1, null, Here))).Problems);
        Assert.Equal("DN0003", image.Id);
        Assert.Equal("LayerNorm #1 expects a vector (rank 1), but receives shape [1, 4, 4]; add [Flatten] before it", image.Message);

        var tokens = new NetworkSpec("Net", Here, new[] { new InputSpec(new int[0].ToEquatableArray(), Here, IsSequence: true) }.ToEquatableArray(),
            new LayerSpec[] { new LayerNormSpec(1, "norm", Here) }.ToEquatableArray());
        var problem = Assert.Single(ShapeInference.Infer(tokens).Problems);
        Assert.Equal("DN0003", problem.Id);
        Assert.Equal("'norm' (LayerNorm #1) expects a vector at each step (rank 1), but receives shape [time]; token ids need an [Embedding(vocabulary, dimension)] first", problem.Message);
    }

    [Fact]
    public void Global_average_pooling_makes_a_vector_of_channels_and_needs_a_feature_map()
    {
        var result = ShapeInference.Infer(Network([[6, 5, 7]], new GlobalAveragePool2DSpec(1, null, Here), Dense(2, 3)));
        Assert.Empty(result.Problems);
        Assert.Equal(new Shape(6), result.Layers[0].Output);
        Assert.Equal(0, result.Layers[0].ParameterCount);

        var vector = Assert.Single(ShapeInference.Infer(Network([[6]], Dense(1, 4), new GlobalAveragePool2DSpec(2, "head", Here))).Problems);
        Assert.Equal("DN0003", vector.Id);
        Assert.Equal("'head' (GlobalAveragePool2D #2) expects a feature map [channels, height, width] (rank 3), but receives shape [4]; Dense #1 before it outputs a vector: place convolution and pooling layers before it", vector.Message);
    }

    [Fact]
    public void Transposed_convolution_grows_the_map_as_pytorch_and_checks_its_padding()
    {
        ConvTranspose2DSpec Transposed(int kernel, int stride, int padding) =>
            new(1, "up", Here, 8, kernel, stride, padding, Activation.ReLU, Here, Here);

        // (side − 1)·stride − 2·padding + kernel: 4×5 → 8×10 with kernel 4, stride 2, padding 1 (an exact doubling).
        var doubled = ShapeInference.Infer(Network([[3, 4, 5]], Transposed(4, 2, 1)));
        Assert.Empty(doubled.Problems);
        Assert.Equal(new Shape(8, 8, 10), doubled.Layers[0].Output);
        Assert.Equal(3 * 4 * 4 * 8 + 8, doubled.ParameterCount);
        Assert.Equal(new Shape(8, 6, 7), ShapeInference.Infer(Network([[3, 4, 5]], Transposed(3, 1, 0))).Layers[0].Output);

        var cropped = Assert.Single(ShapeInference.Infer(Network([[2, 1, 1]], Transposed(2, 1, 1))).Problems);
        Assert.Equal("DN0040", cropped.Id);
        Assert.Equal("'up' (ConvTranspose2D #1): padding 1 with input [2, 1, 1] gives an output of 0×0; the padding must be at least 0 and leave at least 1×1 ((side − 1)·stride − 2·padding + kernel)", cropped.Message);
        Assert.Equal("DN0040", Assert.Single(ShapeInference.Infer(Network([[2, 3, 3]], Transposed(2, 1, -1))).Problems).Id);
        Assert.Equal("DN0002", Assert.Single(ShapeInference.Infer(Network([[2, 3, 3]], Transposed(0, 1, 0))).Problems).Id);
        Assert.Equal("DN0024", Assert.Single(ShapeInference.Infer(Network([[2, 3, 3]], Transposed(2, int.MaxValue, 0))).Problems).Id);
    }

    [Fact]
    public void Batch_normalisation_keeps_the_shape_lists_its_state_and_checks_its_settings()
    {
        var vector = ShapeInference.Infer(Network([[6]], new BatchNormSpec(1, "bn", Here, 0.1, 1e-5, Activation.Linear)));
        Assert.Empty(vector.Problems);
        Assert.Equal(new Shape(6), vector.Layers[0].Output);
        Assert.Equal(["gain", "bias", "runningMean", "runningVariance"], vector.Layers[0].Parameters.Select(p => p.Name));
        Assert.Equal([false, false, true, true], vector.Layers[0].Parameters.Select(p => p.IsState));
        Assert.Equal(4 * 3, ShapeInference.Infer(Network([[3, 5, 5]], new BatchNormSpec(1, "bn", Here, 0.1, 1e-5, Activation.Linear))).ParameterCount);

        var momentum = Assert.Single(ShapeInference.Infer(Network([[6]], new BatchNormSpec(1, "bn", Here, 1.5, 1e-5, Activation.Linear))).Problems);
        Assert.Equal("DN0042", momentum.Id);
        Assert.Equal("'bn' (BatchNorm #1): the momentum must be in [0, 1], got 1.5", momentum.Message);
        var epsilon = Assert.Single(ShapeInference.Infer(Network([[6]], new BatchNormSpec(1, "bn", Here, 0.1, 0, Activation.Linear))).Problems);
        Assert.Equal("'bn' (BatchNorm #1): the epsilon must be a positive finite number, got 0", epsilon.Message);
        var matrix = Assert.Single(ShapeInference.Infer(Network([[2, 3]], new BatchNormSpec(1, "bn", Here, 0.1, 1e-5, Activation.Linear))).Problems);
        Assert.Equal("DN0003", matrix.Id);
    }

    [Fact]
    public void An_undefined_padding_is_an_error_not_valid_padding()
    {
        var conv = new Conv2DSpec(1, "conv", Here, 4, 3, 1, (Padding)5, Activation.Linear, Here, Here);
        var problem = Assert.Single(ShapeInference.Infer(Network([[1, 8, 8]], conv)).Problems);
        Assert.Equal("DN0041", problem.Id);
        Assert.Equal("'conv' (Conv2D #1): padding value 5 is not one of Valid, Same", problem.Message);
    }

    [Fact]
    public void Upsampling_multiplies_height_and_width_and_checks_its_factor()
    {
        var result = ShapeInference.Infer(Network([[3, 4, 5]], new Upsample2DSpec(1, null, Here, 3, Here)));
        Assert.Empty(result.Problems);
        Assert.Equal(new Shape(3, 12, 15), result.Layers[0].Output);

        var zero = Assert.Single(ShapeInference.Infer(Network([[3, 4, 5]], new Upsample2DSpec(1, null, Here, 0, Here))).Problems);
        Assert.Equal("DN0002", zero.Id);

        var huge = Assert.Single(ShapeInference.Infer(Network([[3, 4, 5]], new Upsample2DSpec(1, null, Here, 1 << 20, Here))).Problems);
        Assert.Equal("DN0024", huge.Id);
    }

    [Fact]
    public void An_mlp_gets_a_shape_and_parameter_count_per_layer()
    {
        var result = ShapeInference.Infer(Network([[784]], Dense(1, 128, Activation.ReLU), Dense(2, 64, Activation.ReLU), Dense(3, 10)));

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { "[784]→[128]", "[128]→[64]", "[64]→[10]" }, result.Layers.Select(l => $"{l.Input}→{l.Output}"));
        Assert.Equal(new[] { 100480, 8256, 650 }, result.Layers.Select(l => l.ParameterCount));
        Assert.Equal(109386, result.ParameterCount);
        Assert.Equal(new Shape(10), result.Output);
    }

    [Fact]
    public void Problems_carry_the_location_of_the_declaration()
    {
        var result = ShapeInference.Infer(Network([[4]], Dense(1, -3)));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("DN0002", problem.Id);
        Assert.Equal(Here, problem.Location);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Inference_goes_on_after_a_problem_so_one_build_shows_them_all()
    {
        var result = ShapeInference.Infer(Network([[2, 2]], Dense(1, 4, Activation.Softmax), Dense(2, 0)));
        Assert.Equal(new[] { "DN0004", "DN0003", "DN0002" }, result.Problems.Select(p => p.Id));
    }

    [Fact]
    public void Default_names_are_kind_and_position_and_declared_names_win()
    {
        Assert.Equal("dense2", Dense(2, 3).Name);
        Assert.Equal("hidden", Dense(2, 3, name: "hidden").Name);
        Assert.Equal("Dense #2", ShapeInference.Describe(Dense(2, 3)));
        Assert.Equal("'hidden' (Dense #2)", ShapeInference.Describe(Dense(2, 3, name: "hidden")));
    }

    [Fact]
    public void Models_compare_by_value_so_the_generator_can_cache_them()
    {
        var a = Network([[4]], Dense(1, 3, Activation.ReLU));
        var b = Network([[4]], Dense(1, 3, Activation.ReLU));
        var c = Network([[4]], Dense(1, 3, Activation.Tanh));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(ShapeInference.Infer(a), ShapeInference.Infer(b));
    }

    [Fact]
    public void Every_catalogue_rule_has_a_distinct_id_title_and_message()
    {
        var all = ProblemCatalogue.All;
        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
        Assert.All(all, p => Assert.False(string.IsNullOrWhiteSpace(p.Title) || string.IsNullOrWhiteSpace(p.MessageFormat)));
    }
}

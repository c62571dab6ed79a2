using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>The transformer layers' own properties, beyond the reference and finite-difference theories of <see cref="SequenceNetworkTests"/>.</summary>
public sealed class TransformerLayerTests
{
    [Fact]
    public void Positional_encoding_adds_sin_and_cos_of_the_step_index_to_every_sample()
    {
        var network = new PositionCode(timeSteps: 3);
        network.Forward(new float[2 * 3 * 5], new float[2 * 3 * 5], 2); // builds nothing new: the table exists from the constructor
        network.TimeSteps = 7; // a larger T grows the table
        var input = GeneratedNetworkTests.RandomVector(2 * 7 * 5, seed: 1);
        var output = new float[input.Length];
        network.Forward(input, output, 2);
        for (int b = 0; b < 2; b++)
        for (int t = 0; t < 7; t++)
        for (int j = 0; j < 5; j++)
        {
            int i = (b * 7 + t) * 5 + j;
            Assert.Equal(input[i] + SequenceStage.Code(t, j, 5), output[i], 5);
        }
        Assert.Equal(0, PositionCode.ParameterCount);
    }

    [Fact]
    public void A_learned_positional_encoding_adds_its_row_to_each_step_and_starts_small()
    {
        var network = new LearnedPositionCode(timeSteps: 7, seed: 4);
        var table = Assert.Single(network.Layout);
        Assert.Equal("positions.weight [64, 16] at 0", table.ToString());
        Assert.Equal(ParameterKind.Weight, table.Kind);
        var values = network.Parameters.ToArray();
        double mean = values.Average(), deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.InRange(mean, -0.003, 0.003); // N(0, 0.02²), as GPT-2: 1,024 draws
        Assert.InRange(deviation, 0.018, 0.022);

        var input = GeneratedNetworkTests.RandomVector(2 * 7 * 16, seed: 2);
        var output = new float[input.Length];
        network.Forward(input, output, 2);
        for (int b = 0; b < 2; b++)
        for (int t = 0; t < 7; t++)
        for (int j = 0; j < 16; j++)
        {
            int i = (b * 7 + t) * 16 + j;
            Assert.Equal(input[i] + values[t * 16 + j], output[i]);
        }
    }

    [Fact]
    public void More_time_steps_than_a_learned_encoding_has_rows_are_refused_with_both_numbers()
    {
        var tooLong = Assert.Throws<ArgumentException>(() => new LearnedPositionCode(timeSteps: 65));
        Assert.StartsWith("LearnedPositionCode: TimeSteps = 65 exceeds MaxLength = 64 of the learned positional encoding 'positions'", tooLong.Message);

        var network = new LearnedPositionCode(timeSteps: 3);
        network.TimeSteps = 64; // every row in use is allowed
        var grown = Assert.Throws<ArgumentException>(() => network.TimeSteps = 100);
        Assert.Contains("TimeSteps = 100 exceeds MaxLength = 64", grown.Message);
        Assert.Equal(64, network.TimeSteps); // unchanged by the refused value
        network.Forward(new float[64 * 16], new float[64 * 16], 1);
    }

    [Fact]
    public void Layer_norm_starts_as_plain_normalisation_with_unit_gain_and_zero_bias()
    {
        var network = new NormTagger(timeSteps: 2, seed: 1);
        var slices = network.Layout.ToArray();
        var (gain, bias) = (slices[0], slices[1]);
        Assert.Equal(("layernorm1", "gain", ParameterKind.Bias, 5), (gain.Layer, gain.Name, gain.Kind, gain.Length));
        Assert.Equal(("layernorm1", "bias", ParameterKind.Bias, 5), (bias.Layer, bias.Name, bias.Kind, bias.Length));
        Assert.All(network.Parameters.Slice(gain.Offset, 5).ToArray(), v => Assert.Equal(1f, v));
        Assert.All(network.Parameters.Slice(bias.Offset, 5).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_causal_mask_hides_the_future_and_without_it_every_step_sees_every_other()
    {
        const int timeSteps = 6, changed = 4;
        var tokens = new float[] { 1, 2, 3, 4, 5, 6 };
        var edited = (float[])tokens.Clone();
        edited[changed] = 0;
        var causal = new CausalAttentionModel(timeSteps, seed: 3);
        var (before, after) = (new float[causal.OutputSize], new float[causal.OutputSize]);
        causal.Forward(tokens, before, 1);
        causal.Forward(edited, after, 1);
        for (int i = 0; i < changed * 7; i++) Assert.Equal(before[i], after[i]); // steps 0 … 3: bit for bit
        Assert.NotEqual(before[changed * 7], after[changed * 7]);

        var open = new AttentionTagger(timeSteps, seed: 3);
        var input = GeneratedNetworkTests.RandomVector(timeSteps * 6, seed: 5);
        var moved = (float[])input.Clone();
        moved[changed * 6] += 1;
        var (first, second) = (new float[open.OutputSize], new float[open.OutputSize]);
        open.Forward(input, first, 1);
        open.Forward(moved, second, 1);
        for (int t = 0; t < changed; t++) Assert.NotEqual(first[t * 3], second[t * 3]); // a later step changes earlier outputs
    }

    [Fact]
    public void Layer_norm_in_a_plain_network_normalises_each_sample_and_its_gradients_match_finite_differences()
    {
        const int batch = 3;
        var input = GeneratedNetworkTests.RandomVector(batch * 6, seed: 7);
        var normalised = new float[batch * 6];
        new PlainNorm().Forward(input, normalised, batch);
        for (int b = 0; b < batch; b++)
        {
            var x = input.AsSpan(b * 6, 6).ToArray();
            double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / 6;
            for (int j = 0; j < 6; j++) Assert.Equal((x[j] - mean) / Math.Sqrt(variance + 1e-5), normalised[b * 6 + j], 4);
        }

        var network = new PlainNormRegressor(seed: 2);
        var random = new FastRandom(3);
        for (int p = 0; p < PlainNormRegressor.ParameterCount; p++) network.Parameters[p] += 0.3f * (random.NextFloat() - 0.5f); // gain and bias away from 1 and 0
        var projection = GeneratedNetworkTests.RandomVector(batch * 3, seed: 8);
        var inputGradient = new float[input.Length];
        network.ZeroGradients();
        network.Forward(input, new float[batch * 3], batch, training: true);
        network.Backward(projection, inputGradient, batch);
        var analytic = network.Gradients.ToArray();
        double Loss()
        {
            var output = new float[batch * 3];
            network.Forward(input, output, batch);
            return output.Select((v, i) => (double)v * projection[i]).Sum();
        }
        for (int p = 0; p < PlainNormRegressor.ParameterCount; p++)
        {
            var (numeric, _) = FiniteDifference.Central(Loss, network.Parameters, p);
            Assert.True(Math.Abs(numeric - analytic[p]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)), $"parameter {p}: analytic {analytic[p]}, finite difference {numeric}");
        }
        for (int i = 0; i < input.Length; i++)
        {
            var (numeric, _) = FiniteDifference.Central(Loss, input, i);
            Assert.True(Math.Abs(numeric - inputGradient[i]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)), $"input {i}: analytic {inputGradient[i]}, finite difference {numeric}");
        }
    }
}

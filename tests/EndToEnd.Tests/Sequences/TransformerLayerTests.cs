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
}

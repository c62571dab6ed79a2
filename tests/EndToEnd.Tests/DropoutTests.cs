using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Inverted dropout: identity in inference, an unbiased random mask in training, and a backward that uses that mask.</summary>
public sealed class DropoutTests
{
    private const int Batch = 4;

    [Fact]
    public void Inference_is_deterministic_and_training_draws_new_masks()
    {
        var network = new DropoutMlp(seed: 1);
        var input = GeneratedNetworkTests.RandomVector(Batch * DropoutMlp.InputSize, seed: 2);
        var a = Forward(network, input, training: false);
        var b = Forward(network, input, training: false);
        var c = Forward(network, input, training: true);
        var d = Forward(network, input, training: true);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(c, d);
    }

    [Fact]
    public void Training_outputs_average_to_the_inference_output()
    {
        // The layer after dropout is linear, so E[training output] equals the inference output exactly.
        var network = new DropoutMlp(seed: 3);
        var input = GeneratedNetworkTests.RandomVector(Batch * DropoutMlp.InputSize, seed: 4);
        var expected = Forward(network, input, training: false);
        var mean = new double[expected.Length];
        const int draws = 4000;
        for (int i = 0; i < draws; i++)
        {
            var output = Forward(network, input, training: true);
            for (int j = 0; j < mean.Length; j++) mean[j] += output[j] / draws;
        }
        for (int j = 0; j < mean.Length; j++) Assert.True(Math.Abs(mean[j] - expected[j]) < 0.05 * Math.Max(1, Math.Abs(expected[j])), $"output {j}: mean {mean[j]}, inference {expected[j]}");
    }

    [Fact]
    public void Backward_matches_finite_differences_under_the_same_mask()
    {
        // Re-initialising from the seed restarts the mask stream, so every forward below draws the same mask.
        const int seed = 5;
        var network = new DropoutMlp(seed);
        var parameters = network.Parameters.ToArray();
        var input = GeneratedNetworkTests.RandomVector(Batch * DropoutMlp.InputSize, seed: 6);
        var projection = GeneratedNetworkTests.RandomVector(Batch * DropoutMlp.OutputSize, seed: 7);

        double Loss(float[] values)
        {
            network.InitializeParameters(seed);
            values.CopyTo(network.Parameters);
            return Forward(network, input, training: true).Zip(projection, (y, r) => (double)y * r).Sum();
        }

        network.InitializeParameters(seed);
        network.ZeroGradients();
        Forward(network, input, training: true);
        network.Backward(projection, Span<float>.Empty, Batch);
        var analytic = network.Gradients.ToArray();
        int zeroed = 0;
        for (int p = 0; p < parameters.Length; p += 3)
        {
            const float h = 2e-3f; // small, so that no ReLU of the first layer crosses zero
            var plus = (float[])parameters.Clone();
            var minus = (float[])parameters.Clone();
            plus[p] += h;
            minus[p] -= h;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            if (analytic[p] == 0 && numeric == 0) zeroed++;
            Assert.True(Math.Abs(numeric - analytic[p]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)), $"parameter {p}: analytic {analytic[p]}, finite difference {numeric}");
        }
        Assert.True(zeroed > 0, "some first-layer weights feed only dropped units and must get no gradient");
    }

    private static float[] Forward(INetwork network, float[] input, bool training)
    {
        var output = new float[Batch * network.OutputSize];
        network.Forward(input, output, Batch, training);
        return output;
    }
}

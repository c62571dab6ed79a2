using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// The generated forward and backward against the double-precision reference, and the gradients
/// against central finite differences. Batches of 1, 3, 4, 7, 8 and 11 reach the 6-row blocks, the 4-row block after
/// them (11 = 6 + 4 + 1), the 2-row block (8 = 6 + 2, 3 = 2 + 1) and the single-row tails.
/// </summary>
public sealed class GeneratedNetworkTests
{
    private static readonly int[] Batches = [1, 3, 4, 7, 8, 11];

    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Forward_matches_the_reference(NetworkCase testCase)
    {
        foreach (int batch in Batches) CheckForward(testCase, batch);
    }

    /// <summary>
    /// A training forward keeps what backward needs and may take other kernels (im2col, max pooling with its arg-max)
    /// than inference (direct convolution, pooling without it): its outputs must match the reference too. None of
    /// these networks drops anything out.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Training_forward_matches_the_reference(NetworkCase testCase)
    {
        foreach (int batch in Batches) CheckForward(testCase, batch, training: true);
    }

    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Backward_matches_the_reference(NetworkCase testCase)
    {
        foreach (int batch in Batches) CheckBackward(testCase, batch);
    }

    /// <summary>
    /// The column-panel products from 16 rows up (below, the forward keeps the plain kernel): 23 = 3 × 6 + 4 + 1 rows
    /// reach every row block of a panel, 256 is one slice of the batch reduction and 300 adds a second, shorter one.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCase.Panels), MemberType = typeof(NetworkCase))]
    public void Panel_products_match_the_reference_on_large_batches(NetworkCase testCase)
    {
        foreach (int batch in new[] { 23, 256, 300 })
        {
            CheckForward(testCase, batch);
            CheckBackward(testCase, batch);
        }
    }

    private static void CheckForward(NetworkCase testCase, int batch, bool training = false)
    {
        var network = testCase.Create();
        var reference = testCase.Reference(network);
        var input = RandomVector(batch * network.InputSize, seed: batch);
        var output = new float[batch * network.OutputSize];

        network.Forward(input, output, batch, training);

        for (int b = 0; b < batch; b++)
        {
            var expected = reference.Forward(network.Parameters, Sample(input, b, network.InputSize))[^1];
            for (int j = 0; j < expected.Length; j++)
            {
                AssertClose(expected[j], output[b * network.OutputSize + j], $"{testCase} batch {batch}{(training ? " training" : "")} output[{b}, {j}]");
            }
        }
    }

    private static void CheckBackward(NetworkCase testCase, int batch)
    {
        var network = testCase.Create();
        var reference = testCase.Reference(network);
        var input = RandomVector(batch * network.InputSize, seed: 10 + batch);
        var outputGradient = RandomVector(batch * network.OutputSize, seed: 20 + batch);
        var inputGradient = new float[batch * network.InputSize];

        network.ZeroGradients();
        network.Forward(input, new float[batch * network.OutputSize], batch, training: true);
        network.Backward(outputGradient, inputGradient, batch);

        var expectedGradients = new double[network.ParameterCount];
        for (int b = 0; b < batch; b++)
        {
            var outputs = reference.Forward(network.Parameters, Sample(input, b, network.InputSize));
            var dx = reference.Backward(network.Parameters, outputs, Sample(outputGradient, b, network.OutputSize), expectedGradients);
            for (int k = 0; k < dx.Length; k++)
            {
                AssertClose(dx[k], inputGradient[b * network.InputSize + k], $"{testCase} batch {batch} dInput[{b}, {k}]");
            }
        }
        for (int p = 0; p < network.ParameterCount; p++)
        {
            AssertClose(expectedGradients[p], network.Gradients[p], $"{testCase} batch {batch} gradient of {FiniteDifference.Describe(network, p)}");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Parameter_gradients_match_central_finite_differences(NetworkCase testCase)
    {
        const int batch = 3;
        var network = testCase.Create();
        var input = RandomVector(batch * network.InputSize, seed: 31);
        var projection = RandomVector(batch * network.OutputSize, seed: 32); // L = Σ projection ⊙ output
        network.ZeroGradients();
        network.Forward(input, new float[batch * network.OutputSize], batch, training: true);
        network.Backward(projection, Span<float>.Empty, batch);
        var analytic = network.Gradients.ToArray();

        FiniteDifference.CheckParameterGradients(network, () => ProjectedOutput(network, input, projection, batch), analytic, checks: 200, seed: 33, testCase.ToString());
    }

    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Input_gradient_matches_central_finite_differences(NetworkCase testCase)
    {
        const int batch = 2;
        var network = testCase.Create();
        var input = RandomVector(batch * network.InputSize, seed: 41);
        var projection = RandomVector(batch * network.OutputSize, seed: 42);
        var inputGradient = new float[input.Length];
        network.Forward(input, new float[batch * network.OutputSize], batch, training: true);
        network.Backward(projection, inputGradient, batch);

        int checks = Math.Min(input.Length, 60), kinks = 0;
        for (int i = 0; i < checks; i++)
        {
            var (numeric, kink) = FiniteDifference.Central(() => ProjectedOutput(network, input, projection, batch), input, i);
            if (kink)
            {
                kinks++;
                continue;
            }
            Assert.True(Math.Abs(numeric - inputGradient[i]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)),
                $"{testCase}: dL/dinput[{i}] analytic {inputGradient[i]}, finite difference {numeric}");
        }
        Assert.True(kinks <= checks / 10, $"{testCase}: {kinks} of {checks} checks sat on a kink");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.All), MemberType = typeof(NetworkCase))]
    public void Backward_from_pre_activation_equals_backward_through_the_activation(NetworkCase testCase)
    {
        const int batch = 5;
        var through = testCase.Create();
        var fused = testCase.Create();
        var input = RandomVector(batch * through.InputSize, seed: 51);
        var outputGradient = RandomVector(batch * through.OutputSize, seed: 52);
        var output = new float[batch * through.OutputSize];
        through.ZeroGradients();
        fused.ZeroGradients();
        through.Forward(input, output, batch, training: true);
        fused.Forward(input, output, batch, training: true);

        // dL/dz by hand, from the stored outputs and the last layer's activation.
        var preActivationGradient = new float[outputGradient.Length];
        var last = testCase.OutputActivation;
        int m = through.OutputSize;
        for (int b = 0; b < batch; b++)
        {
            var y = output.AsSpan(b * m, m);
            var g = outputGradient.AsSpan(b * m, m);
            double dot = 0;
            for (int j = 0; j < m; j++) dot += g[j] * y[j];
            for (int j = 0; j < m; j++)
            {
                preActivationGradient[b * m + j] = last switch
                {
                    Activation.Softmax => (float)(y[j] * (g[j] - dot)),
                    Activation.Sigmoid => g[j] * y[j] * (1 - y[j]),
                    Activation.Tanh => g[j] * (1 - y[j] * y[j]),
                    Activation.ReLU => y[j] > 0 ? g[j] : 0,
                    _ => g[j],
                };
            }
        }
        through.Backward(outputGradient, Span<float>.Empty, batch);
        fused.BackwardFromPreActivation(preActivationGradient, Span<float>.Empty, batch);

        for (int p = 0; p < through.ParameterCount; p++)
        {
            AssertClose(through.Gradients[p], fused.Gradients[p], $"{testCase} gradient of {FiniteDifference.Describe(through, p)}");
        }
    }

    [Fact]
    public void Softmax_output_stays_finite_for_huge_logits()
    {
        var network = new NamedLayers(seed: 1);
        network.Parameters.Fill(50f); // pre-activations in the thousands
        var output = new float[2 * NamedLayers.OutputSize];
        network.Forward(new float[] { 1, 2, 3, 4, -1, -2, -3, -4 }, output, batch: 2);
        Assert.All(output, p => Assert.True(float.IsFinite(p) && p >= 0 && p <= 1, $"probability {p}"));
        Assert.Equal(1.0, output.Take(3).Sum(), 5);
    }

    [Fact]
    public void Same_seed_gives_the_same_parameters_and_another_seed_does_not()
    {
        var a = new DeepSoftmax(seed: 7);
        var b = new DeepSoftmax(seed: 7);
        var c = new DeepSoftmax(seed: 8);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
        Assert.False(a.Parameters.SequenceEqual(c.Parameters));
    }

    [Fact]
    public void Initialisation_follows_the_activation_and_zeroes_biases()
    {
        var network = new DeepSoftmax(seed: 9); // 13 →ReLU 29 →ReLU 130 →Softmax 6
        var layout = network.Layout;
        var first = network.Parameters.Slice(layout[0].Offset, layout[0].Length).ToArray();
        double std = Math.Sqrt(first.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.7 * Math.Sqrt(2.0 / 13), 1.3 * Math.Sqrt(2.0 / 13)); // He: σ = √(2/fanIn)
        var last = network.Parameters.Slice(layout[4].Offset, layout[4].Length).ToArray();
        double limit = Math.Sqrt(6.0 / (130 + 6));                                  // Glorot: U(±√(6/(in+out)))
        Assert.All(last, v => Assert.InRange(v, -limit, limit));
        Assert.True(last.Max() > 0.8 * limit && last.Min() < -0.8 * limit);
        foreach (var bias in layout.Where(s => s.Kind == ParameterKind.Bias))
        {
            Assert.All(network.Parameters.Slice(bias.Offset, bias.Length).ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Layout_names_each_slice_after_its_layer()
    {
        var layout = new NamedLayers().Layout;
        Assert.Equal(
            ["hidden.weight [4, 12] at 0", "hidden.bias [12] at 48", "classes.weight [12, 3] at 60", "classes.bias [3] at 96"],
            layout.Select(s => s.ToString()).ToArray());
        Assert.Equal(NamedLayers.ParameterCount, layout.ParameterCount);
    }

    private static double ProjectedOutput(INetwork network, float[] input, float[] projection, int batch)
    {
        var output = new float[batch * network.OutputSize];
        network.Forward(input, output, batch);
        double sum = 0;
        for (int i = 0; i < output.Length; i++) sum += (double)projection[i] * output[i];
        return sum;
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    internal static float[] RandomVector(int length, int seed)
    {
        var random = new FastRandom(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = 2 * random.NextFloat() - 1;
        return values;
    }

    private static double[] Sample(float[] values, int index, int size) =>
        values.AsSpan(index * size, size).ToArray().Select(v => (double)v).ToArray();
}

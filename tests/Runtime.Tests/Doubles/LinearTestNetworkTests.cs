using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>The test double is only worth its tests if its own backward is right: checked against finite differences.</summary>
public sealed class LinearTestNetworkTests
{
    private const int Batch = 3, Inputs = 4, Outputs = 5;

    [Theory]
    [InlineData(Activation.Linear, false)]
    [InlineData(Activation.Sigmoid, false)]
    [InlineData(Activation.Tanh, false)]
    [InlineData(Activation.Softmax, false)]
    [InlineData(Activation.Linear, true)]
    [InlineData(Activation.Sigmoid, true)]
    [InlineData(Activation.Softmax, true)]
    public void BackwardMatchesFiniteDifferences(Activation activation, bool fromPreActivation)
    {
        // Differentiates the scalar Σ g·y (or Σ g·z) with respect to every parameter and input.
        var network = new LinearTestNetwork(Inputs, Outputs, activation, seed: 3);
        TestData.Uniform(network.ParameterCount, -1, 1, seed: 4).CopyTo(network.Parameters);
        float[] x = TestData.Uniform(Batch * Inputs, -1, 1, seed: 5);
        float[] g = TestData.Uniform(Batch * Outputs, -1, 1, seed: 6);
        var output = new float[Batch * Outputs];
        var inputGradient = new float[x.Length];

        network.ZeroGradients();
        network.Forward(x, output, Batch, training: true);
        if (fromPreActivation) network.BackwardFromPreActivation(g, inputGradient, Batch);
        else network.Backward(g, inputGradient, Batch);
        float[] parameterGradient = network.Gradients.ToArray();

        const float h = 1e-2f;
        float[] parameters = network.Parameters.ToArray();
        for (int k = 0; k < parameters.Length; k++)
        {
            float[] plus = (float[])parameters.Clone(), minus = (float[])parameters.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Objective(plus, x) - Objective(minus, x)) / (2.0 * h);
            Assert.Equal(numeric, parameterGradient[k], tolerance: 1e-3 + 1e-2 * Math.Abs(numeric));
        }
        for (int k = 0; k < x.Length; k++)
        {
            float[] plus = (float[])x.Clone(), minus = (float[])x.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Objective(parameters, plus) - Objective(parameters, minus)) / (2.0 * h);
            Assert.Equal(numeric, inputGradient[k], tolerance: 1e-3 + 1e-2 * Math.Abs(numeric));
        }

        double Objective(float[] p, float[] input)
        {
            var probe = new LinearTestNetwork(Inputs, Outputs, fromPreActivation ? Activation.Linear : activation);
            p.CopyTo(probe.Parameters);
            var y = new float[Batch * Outputs];
            probe.Forward(input, y, Batch);
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += (double)g[i] * y[i];
            return sum;
        }
    }

    [Fact]
    public void GradientsAccumulateUntilZeroed()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Linear);
        float[] x = [1, 2];
        float[] g = [1, 1];
        var y = new float[2];
        network.ZeroGradients();
        network.Forward(x, y, 1, training: true);
        network.Backward(g, Span<float>.Empty, 1);
        float[] once = network.Gradients.ToArray();
        network.Backward(g, Span<float>.Empty, 1);
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], network.Gradients[i]);
        network.ZeroGradients();
        Assert.All(network.Gradients.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void BackwardNeedsATrainingForward()
    {
        var network = new LinearTestNetwork(2, 2, Activation.Linear);
        Assert.Throws<InvalidOperationException>(() => network.Backward(new float[2], Span<float>.Empty, 1));
    }
}

using System;
using Xunit;

namespace DslNet.Tests;

public sealed class AdamOptimizerTests
{
    [Fact]
    public void HasPyTorchDefaults()
    {
        var optimizer = new AdamOptimizer();
        Assert.Equal(0.001f, optimizer.LearningRate);
        Assert.Equal(0.9f, optimizer.Beta1);
        Assert.Equal(0.999f, optimizer.Beta2);
        Assert.Equal(1e-8f, optimizer.Epsilon);
        Assert.Equal(0f, optimizer.WeightDecay);
        Assert.False(optimizer.DecayBiases);
    }

    [Fact]
    public void BiasCorrectionMakesTheFirstStepTheLearningRateTimesTheSign()
    {
        // m̂ = g and v̂ = g² after one step, so the update is lr·g / (|g| + ε).
        var optimizer = new AdamOptimizer(learningRate: 0.1f);
        float[] parameters = [1f, 1f, 1f];
        optimizer.Step(parameters, [1000f, -0.25f, 0f]);
        Assert.Equal(0.9f, parameters[0], tolerance: 1e-6f);
        Assert.Equal(1.1f, parameters[1], tolerance: 1e-6f);
        Assert.Equal(1f, parameters[2]);
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void FollowsThePyTorchFormula()
    {
        OptimizerReference.AssertSteps(new AdamOptimizer(0.1f),
        [
            [0.900000002, -1.9, 0.5, 0.150000001],
            [0.800000004, -1.90526316, 0.425586319, 0.123366297],
            [0.735010085, -1.96478763, 0.402722281, 0.0893233821],
        ]);
    }

    [Fact]
    public void CoupledWeightDecayFollowsThePyTorchFormula()
    {
        // Adam(weight_decay=0.1): the decay goes into the gradient, before the moments. Unbound, it applies to all.
        OptimizerReference.AssertSteps(new AdamOptimizer(0.1f, weightDecay: 0.1f),
        [
            [0.900000002, -1.9, 0.40000002, 0.15],
            [0.80004734, -1.84342217, 0.322455992, 0.122313192],
            [0.726307533, -1.86590393, 0.293971963, 0.087263853],
        ]);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.0625f)]
    public void MatchesTheScalarReferenceBitForBit(float weightDecay)
    {
        const float lr = 0.01f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        float[] parameters = OptimizerReference.Vector(seed: 3);
        float[] expected = (float[])parameters.Clone();
        float[] m = new float[parameters.Length], v = new float[parameters.Length];
        var optimizer = new AdamOptimizer(lr, beta1, beta2, eps, weightDecay);
        for (int step = 1; step <= 6; step++)
        {
            float[] gradients = OptimizerReference.Vector(seed: 30 + step);
            float[] decayed = OptimizerReference.Decayed(expected, gradients, weightDecay, _ => weightDecay > 0);
            optimizer.Step(parameters, gradients);
            OptimizerReference.Adam(expected, decayed, m, v, step, lr, beta1, beta2, eps);
        }
        Assert.Equal(expected, parameters);
    }

    [Theory]
    [InlineData(1f, 0.999f, 1e-8f)]
    [InlineData(0.9f, -0.5f, 1e-8f)]
    [InlineData(0.9f, 0.999f, -1e-8f)]
    [InlineData(0.9f, 0.999f, float.NaN)]
    public void RejectsSettingsOutOfRange(float beta1, float beta2, float epsilon)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(0.001f, beta1, beta2, epsilon));
    }

    [Fact]
    public void RejectsALaterStepWithAnotherParameterCountNamingBoth()
    {
        var optimizer = new AdamOptimizer();
        optimizer.Step(new float[5], new float[5]);
        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[7], new float[7]));
        Assert.Contains("5", e.Message);
        Assert.Contains("7", e.Message);
    }
}

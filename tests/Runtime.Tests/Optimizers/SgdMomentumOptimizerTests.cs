using System;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

[Collection(AllocationMeasurement.Name)]
public sealed class SgdMomentumOptimizerTests
{
    [Fact]
    public void FollowsThePyTorchFormulaExactly()
    {
        // v ← μ·v + g, p ← p − lr·v, with dyadic values so each step is exact.
        var optimizer = new SgdMomentumOptimizer(0.5f, momentum: 0.5f);
        float[] parameters = [1f, -2f, 0.5f];

        // v = [0.5, 0.25, −1]: the first step is plain SGD.
        optimizer.Step(parameters, [0.5f, 0.25f, -1f]);
        Assert.Equal([0.75f, -2.125f, 1f], parameters);

        // v = 0.5·[0.5, 0.25, −1] + [1, 0, 0.5] = [1.25, 0.125, 0].
        optimizer.Step(parameters, [1f, 0f, 0.5f]);
        Assert.Equal([0.125f, -2.1875f, 1f], parameters);

        // A zero gradient still moves the parameters: v = [0.625, 0.0625, 0].
        optimizer.Step(parameters, [0f, 0f, 0f]);
        Assert.Equal([-0.1875f, -2.21875f, 1f], parameters);
    }

    [Fact]
    public void MatchesAScalarReferenceOnLongVectors()
    {
        const int n = 37;
        const float lr = 0.25f, mu = 0.75f;
        var parameters = new float[n];
        var expected = new float[n];
        var velocity = new float[n];
        for (int i = 0; i < n; i++) parameters[i] = expected[i] = i / 4f;
        var optimizer = new SgdMomentumOptimizer(lr, mu);
        for (int step = 0; step < 4; step++)
        {
            var gradients = new float[n];
            for (int i = 0; i < n; i++) gradients[i] = ((i + step) % 5 - 2) / 8f;
            optimizer.Step(parameters, gradients);
            for (int i = 0; i < n; i++)
            {
                velocity[i] = mu * velocity[i] + gradients[i];
                expected[i] -= lr * velocity[i];
            }
        }
        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void DefaultsToMomentumPointNine()
    {
        var optimizer = new SgdMomentumOptimizer(0.1f);
        Assert.Equal(0.9f, optimizer.Momentum);
        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void RejectsMomentumOutsideZeroToOne(float momentum)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentumOptimizer(0.1f, momentum));
        Assert.Equal("momentum", e.ParamName);
    }

    [Fact]
    public void AcceptsZeroMomentumAsPlainSgd()
    {
        var optimizer = new SgdMomentumOptimizer(0.5f, 0f);
        float[] parameters = [1f];
        optimizer.Step(parameters, [1f]);
        optimizer.Step(parameters, [1f]);
        Assert.Equal(0f, parameters[0]);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void RejectsALearningRateThatIsNegativeOrNotFinite(float learningRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentumOptimizer(learningRate));
        var optimizer = new SgdMomentumOptimizer(0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = learningRate);
    }

    [Fact]
    public void RejectsGradientsOfAnotherLength()
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdMomentumOptimizer(0.1f).Step(new float[3], new float[2]));
        Assert.Contains("3", e.Message);
        Assert.Contains("2", e.Message);
    }

    [Fact]
    public void RejectsALaterStepWithAnotherParameterCountNamingBoth()
    {
        var optimizer = new SgdMomentumOptimizer(0.1f);
        optimizer.Step(new float[5], new float[5]);
        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[7], new float[7]));
        Assert.Contains("5", e.Message);
        Assert.Contains("7", e.Message);
    }

    [Fact]
    public void AllocatesNothingAfterTheFirstStep()
    {
        var optimizer = new SgdMomentumOptimizer(0.1f);
        var parameters = new float[100];
        var gradients = new float[100];
        optimizer.Step(parameters, gradients);
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) optimizer.Step(parameters, gradients);
        });
    }

    [Fact]
    public void NesterovFollowsThePyTorchFormula()
    {
        // v ← μ·v + g, p ← p − lr·(g + μ·v); values computed in double from PyTorch's SGD(nesterov=True).
        OptimizerReference.AssertSteps(new SgdMomentumOptimizer(0.1f, 0.9f, nesterov: true),
        [
            [0.905, -1.9525, 0.5, -0.13],
            [0.7695, -1.97975, 0.31, -0.102],
            [0.7163, -2.124275, 0.324, -0.2618],
        ]);
    }

    [Fact]
    public void NesterovFirstStepIsOnePlusMuTimesTheGradient()
    {
        // Dyadic: v = g = [1, −2]; p −= 0.5·(g + 0.5·g) = 0.75·g.
        var optimizer = new SgdMomentumOptimizer(0.5f, 0.5f, nesterov: true);
        float[] parameters = [0f, 0f];
        optimizer.Step(parameters, [1f, -2f]);
        Assert.Equal([-0.75f, 1.5f], parameters);
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(false, 0.125f)]
    [InlineData(true, 0.125f)]
    public void MatchesTheScalarReferenceBitForBit(bool nesterov, float weightDecay)
    {
        const float lr = 0.25f, mu = 0.75f;
        float[] parameters = OptimizerReference.Vector(seed: 1);
        float[] expected = (float[])parameters.Clone();
        var velocity = new float[parameters.Length];
        var optimizer = new SgdMomentumOptimizer(lr, mu, nesterov, weightDecay);
        for (int step = 0; step < 5; step++)
        {
            float[] gradients = OptimizerReference.Vector(seed: 10 + step);
            float[] decayed = OptimizerReference.Decayed(expected, gradients, weightDecay, _ => weightDecay > 0);
            optimizer.Step(parameters, gradients);
            OptimizerReference.Momentum(expected, decayed, velocity, lr, mu, nesterov);
        }
        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void NesterovNeedsMomentum()
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdMomentumOptimizer(0.1f, 0f, nesterov: true));
        Assert.Equal("nesterov", e.ParamName);
    }
}

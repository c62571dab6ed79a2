using System;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

[Collection(AllocationMeasurement.Name)]
public sealed class SgdOptimizerTests
{
    [Fact]
    public void StepsSubtractTheScaledGradient()
    {
        // Dyadic values: every product and sum is exact, so the expected values are too.
        var optimizer = new SgdOptimizer(0.5f);
        float[] parameters = [1f, -2f, 0.5f];
        float[] gradients = [0.5f, 0.25f, -1f];

        optimizer.Step(parameters, gradients);
        Assert.Equal([0.75f, -2.125f, 1f], parameters);

        optimizer.Step(parameters, gradients);
        Assert.Equal([0.5f, -2.25f, 1.5f], parameters);
    }

    [Fact]
    public void LongVectorsUpdateEveryElement()
    {
        // 37 elements: full vectors and a tail.
        const int n = 37;
        var parameters = new float[n];
        var gradients = new float[n];
        for (int i = 0; i < n; i++)
        {
            parameters[i] = i / 4f;
            gradients[i] = (i % 5 - 2) / 8f;
        }
        new SgdOptimizer(0.25f).Step(parameters, gradients);
        for (int i = 0; i < n; i++) Assert.Equal(i / 4f - 0.25f * ((i % 5 - 2) / 8f), parameters[i]);
    }

    [Fact]
    public void TheLearningRateCanChangeBetweenSteps()
    {
        var optimizer = new SgdOptimizer(1f) { LearningRate = 0.25f };
        float[] parameters = [1f];
        optimizer.Step(parameters, [2f]);
        Assert.Equal(0.5f, parameters[0]);
        Assert.Equal(0.25f, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void RejectsALearningRateThatIsNegativeOrNotFinite(float learningRate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer(learningRate));
        Assert.Equal("learningRate", e.ParamName);
        var optimizer = new SgdOptimizer(0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = learningRate);
        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Fact]
    public void AcceptsAZeroLearningRateAsPyTorchDoesBecauseSchedulesReachIt()
    {
        var optimizer = new SgdOptimizer(0f);
        float[] parameters = [1f, 2f];
        optimizer.Step(parameters, [3f, 4f]);
        Assert.Equal([1f, 2f], parameters);
    }

    [Fact]
    public void WeightDecayAddsLambdaTimesTheParameterToTheGradient()
    {
        // PyTorch's coupled L2 decay: p ← p − lr·(g + λ·p). Unbound, every parameter is decayed.
        var optimizer = new SgdOptimizer(0.5f, weightDecay: 0.25f);
        float[] parameters = [2f, -4f];
        optimizer.Step(parameters, [1f, 0f]);
        // g' = [1 + 0.5, 0 − 1] = [1.5, −1]; p = [2 − 0.75, −4 + 0.5].
        Assert.Equal([1.25f, -3.5f], parameters);
    }

    [Fact]
    public void WithoutWeightDecayOneInstanceMayServeSeveralNetworks()
    {
        // Stateless: a GAN may share it between generator and discriminator.
        var optimizer = new SgdOptimizer(1f);
        optimizer.Bind(new ParameterLayout(new ParameterSlice("a", "weight", ParameterKind.Weight, 0, [3])));
        optimizer.Bind(new ParameterLayout(new ParameterSlice("b", "weight", ParameterKind.Weight, 0, [5])));
        float[] small = [1f, 1f, 1f], large = [1f, 1f, 1f, 1f, 1f];
        optimizer.Step(small, [1f, 1f, 1f]);
        optimizer.Step(large, [1f, 1f, 1f, 1f, 1f]);
        Assert.All(small, v => Assert.Equal(0f, v));
        Assert.All(large, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RejectsGradientsOfAnotherLengthNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdOptimizer(0.1f).Step(new float[3], new float[4]));
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Fact]
    public void AllocatesNothing()
    {
        var optimizer = new SgdOptimizer(0.1f);
        var parameters = new float[100];
        var gradients = new float[100];
        optimizer.Step(parameters, gradients);
        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 100; i++) optimizer.Step(parameters, gradients);
        });
    }
}

using System;
using Xunit;

namespace DslNet.Tests;

public sealed class RmsPropOptimizerTests
{
    [Fact]
    public void HasPyTorchDefaults()
    {
        var optimizer = new RmsPropOptimizer();
        Assert.Equal(0.01f, optimizer.LearningRate);
        Assert.Equal(0.99f, optimizer.Alpha);
        Assert.Equal(1e-8f, optimizer.Epsilon);
        Assert.Equal(0f, optimizer.Momentum);
        Assert.False(optimizer.Centered);
        Assert.Equal(0f, optimizer.WeightDecay);
    }

    [Fact]
    public void FirstStepMovesByTheLearningRateOverTheSquareRootOfOneMinusAlpha()
    {
        // v = (1 − α)·g², so g / √v = sign(g) / √(1 − α) = 10·sign(g) for α = 0.99.
        var optimizer = new RmsPropOptimizer(learningRate: 0.01f);
        float[] parameters = [1f, 1f, 1f];
        optimizer.Step(parameters, [3f, -0.5f, 0f]);
        Assert.Equal(0.9f, parameters[0], tolerance: 1e-6f);
        Assert.Equal(1.1f, parameters[1], tolerance: 1e-6f);
        Assert.Equal(1f, parameters[2]);
    }

    [Fact]
    public void FollowsThePyTorchFormula()
    {
        OptimizerReference.AssertSteps(new RmsPropOptimizer(),
        [
            [0.90000002, -1.90000004, 0.5, 0.150000005],
            [0.82911191, -1.97088814, 0.40000001, 0.194901328],
            [0.846647241, -2.06146472, 0.444901331, 0.17289091],
        ]);
    }

    [Fact]
    public void CenteredWithMomentumFollowsThePyTorchFormula()
    {
        OptimizerReference.AssertSteps(new RmsPropOptimizer(momentum: 0.5f, centered: true),
        [
            [0.899496239, -1.89949626, 0.5, 0.149496224],
            [0.777640206, -1.92013251, 0.399496229, 0.144189193],
            [0.734376558, -2.02140355, 0.394189199, 0.119479017],
        ]);
    }

    [Theory]
    [InlineData(0f, false, 0f)]
    [InlineData(0.5f, false, 0f)]
    [InlineData(0f, true, 0f)]
    [InlineData(0.5f, true, 0f)]
    [InlineData(0f, false, 0.125f)]
    [InlineData(0.5f, false, 0.125f)]
    [InlineData(0f, true, 0.125f)]
    [InlineData(0.5f, true, 0.125f)]
    public void MatchesTheScalarReferenceBitForBit(float momentum, bool centered, float weightDecay)
    {
        const float lr = 0.01f, alpha = 0.9f, eps = 1e-8f;
        float[] parameters = OptimizerReference.Vector(seed: 2);
        float[] expected = (float[])parameters.Clone();
        int n = parameters.Length;
        float[] v = new float[n], average = new float[n], buffer = new float[n];
        var optimizer = new RmsPropOptimizer(lr, alpha, eps, momentum, centered, weightDecay);
        for (int step = 0; step < 5; step++)
        {
            float[] gradients = OptimizerReference.Vector(seed: 20 + step);
            float[] decayed = OptimizerReference.Decayed(expected, gradients, weightDecay, _ => weightDecay > 0);
            optimizer.Step(parameters, gradients);
            OptimizerReference.RmsProp(expected, decayed, v, average, buffer, lr, alpha, eps, momentum, centered);
        }
        Assert.Equal(expected, parameters);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.5f)]
    public void CenteredMatchesTheScalarReferenceBitForBitWhenTheVarianceRoundsBelowZero(float momentum)
    {
        // With a constant gradient v − ḡ² = g²·αᵗ·(1 − αᵗ): after 300 steps of α = 0.9 that is 10⁻¹⁴ of v, far below
        // its rounding, so the difference rounds below zero in some elements and the clamp to 0 is taken. 37 floats: the
        // first 32 run in the vector body (8 or 16 lanes), the last 5 in the scalar tail; the clamp is reached in both.
        const float lr = 0.01f, alpha = 0.9f, eps = 1e-8f;
        float[] parameters = OptimizerReference.Vector(seed: 4);
        float[] expected = (float[])parameters.Clone();
        float[] gradients = OptimizerReference.Vector(seed: 40);
        int n = parameters.Length;
        float[] v = new float[n], average = new float[n], buffer = new float[n];
        var optimizer = new RmsPropOptimizer(lr, alpha, eps, momentum, centered: true);
        bool clampedInBody = false, clampedInTail = false;
        for (int step = 0; step < 300; step++)
        {
            optimizer.Step(parameters, gradients);
            OptimizerReference.RmsProp(expected, gradients, v, average, buffer, lr, alpha, eps, momentum, centered: true);
            for (int i = 0; i < n; i++)
            {
                if (v[i] - average[i] * average[i] >= 0) continue;
                if (i < 32) clampedInBody = true;
                else clampedInTail = true;
            }
        }
        Assert.True(clampedInBody && clampedInTail, $"The clamp is not reached (body {clampedInBody}, tail {clampedInTail}).");
        Assert.Equal(expected, parameters);
    }

    [Fact]
    public void CenteredStaysFiniteWhenTheVarianceRoundsBelowZero()
    {
        // A constant gradient makes v and ḡ² nearly equal; the difference may round negative.
        var optimizer = new RmsPropOptimizer(0.01f, centered: true);
        float[] parameters = new float[16];
        float[] gradients = new float[16];
        for (int i = 0; i < gradients.Length; i++) gradients[i] = 0.1f + i * 0.37f;
        for (int step = 0; step < 200; step++) optimizer.Step(parameters, gradients);
        Assert.All(parameters, p => Assert.True(float.IsFinite(p)));
    }

    [Theory]
    [InlineData(-0.1f, 1e-8f, 0f)]
    [InlineData(1f, 1e-8f, 0f)]
    [InlineData(0.99f, 0f, 0f)]
    [InlineData(0.99f, 1e-8f, 1f)]
    public void RejectsSettingsOutOfRange(float alpha, float epsilon, float momentum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptimizer(0.01f, alpha, epsilon, momentum));
    }
}

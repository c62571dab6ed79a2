using System;
using Xunit;

namespace DslNet.Tests;

public sealed class AdamWOptimizerTests
{
    [Fact]
    public void HasPyTorchDefaults()
    {
        var optimizer = new AdamWOptimizer();
        Assert.Equal(0.001f, optimizer.LearningRate);
        Assert.Equal(0.9f, optimizer.Beta1);
        Assert.Equal(0.999f, optimizer.Beta2);
        Assert.Equal(1e-8f, optimizer.Epsilon);
        Assert.Equal(0.01f, optimizer.WeightDecay);
    }

    [Fact]
    public void FollowsThePyTorchFormula()
    {
        // p ← p·(1 − lr·λ), then the Adam step from the raw gradient. Unbound, every parameter decays.
        OptimizerReference.AssertSteps(new AdamWOptimizer(0.1f, weightDecay: 0.1f),
        [
            [0.890000002, -1.88, 0.495, 0.147500001],
            [0.781100004, -1.86646316, 0.415636319, 0.119391297],
            [0.708299085, -1.90732299, 0.388615918, 0.0841544692],
        ]);
    }

    [Fact]
    public void TheDecayIsNotScaledByTheMoments()
    {
        // With a zero gradient Adam moves nothing, so only the decoupled factor 1 − lr·λ acts, exactly.
        var optimizer = new AdamWOptimizer(0.5f, weightDecay: 0.5f);
        float[] parameters = [4f, -2f];
        optimizer.Step(parameters, [0f, 0f]);
        Assert.Equal([3f, -1.5f], parameters);
        optimizer.Step(parameters, [0f, 0f]);
        Assert.Equal([2.25f, -1.125f], parameters);
    }

    [Fact]
    public void MatchesTheScalarReferenceBitForBit()
    {
        const float lr = 0.01f, beta1 = 0.8f, beta2 = 0.99f, eps = 1e-6f, decay = 0.05f;
        float[] parameters = OptimizerReference.Vector(seed: 4);
        float[] expected = (float[])parameters.Clone();
        float[] m = new float[parameters.Length], v = new float[parameters.Length];
        var optimizer = new AdamWOptimizer(lr, beta1, beta2, eps, decay);
        float factor = (float)(1 - (double)lr * decay);
        for (int step = 1; step <= 6; step++)
        {
            float[] gradients = OptimizerReference.Vector(seed: 40 + step);
            optimizer.Step(parameters, gradients);
            for (int i = 0; i < expected.Length; i++) expected[i] *= factor;
            OptimizerReference.Adam(expected, gradients, m, v, step, lr, beta1, beta2, eps);
        }
        Assert.Equal(expected, parameters);
    }
}

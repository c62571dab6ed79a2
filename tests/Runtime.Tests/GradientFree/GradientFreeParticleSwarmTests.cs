using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeParticleSwarmTests
{
    [Fact]
    public void ReachesTheBottomOfRosenbrocksValley()
    {
        float[] point = [-1.2f, 1f];
        var result = new ParticleSwarmOptimizer().Minimize(point, GradientFreeFunctions.Rosenbrock,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rosenbrock {result.BestValue} at ({point[0]}, {point[1]}).");
    }

    [Fact]
    public void FindsTheGlobalMinimumOfRastrigin()
    {
        float[] point = [3.2f, -2.7f];
        var result = new ParticleSwarmOptimizer().Minimize(point, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxEvaluations = 20_000, InitialScale = 5.12f, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rastrigin {result.BestValue} at ({point[0]}, {point[1]}).");
        Assert.Equal(0f, point[0], 0.01f);
        Assert.Equal(0f, point[1], 0.01f);
    }

    [Fact]
    public void TrainsATinyNetworkOnXor()
    {
        var network = new GradientFreeXor(seed: 1);
        var result = new ParticleSwarmOptimizer().Minimize(network.Parameters, network.XorLoss,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 0.01, Seed = 1 });

        Assert.True(network.SolvesXor(out float[] outputs), $"XOR outputs {string.Join(", ", outputs)}, loss {result.BestValue}.");
    }

    [Fact]
    public void StartsOneParticleAtTheStartAndTheRestInTheBox()
    {
        var points = new List<float[]>();
        var result = new ParticleSwarmOptimizer { SwarmSize = 12 }.Minimize(new[] { 1f, -2f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points),
            new GradientFreeOptions { MaxIterations = 3, InitialScale = 0.5f });

        Assert.Equal(36, result.Evaluations);
        Assert.Equal([1f, -2f], points[0]);
        Assert.All(points.Take(12), p => Assert.True(Math.Abs(p[0] - 1) <= 0.5f && Math.Abs(p[1] + 2) <= 0.5f));
    }

    [Fact]
    public void ClampsEveryVelocityCoordinate()
    {
        // Particles are evaluated in order each iteration, so a particle's consecutive positions are SwarmSize apart.
        var points = new List<float[]>();
        new ParticleSwarmOptimizer { SwarmSize = 10, MaxVelocity = 0.01f }.Minimize(new[] { 4f, 4f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.ShiftedSphere, points),
            new GradientFreeOptions { MaxIterations = 20, InitialScale = 3f, Seed = 2 });

        for (int i = 10; i < points.Count; i++)
        {
            Assert.True(Math.Abs(points[i][0] - points[i - 10][0]) <= 0.01f + 1e-6f);
            Assert.True(Math.Abs(points[i][1] - points[i - 10][1]) <= 0.01f + 1e-6f);
        }
    }

    [Fact]
    public void KeepsTheInertiaShareOfTheVelocityWithoutPulls()
    {
        // c₁ = c₂ = 0: each particle coasts with its velocity scaled by w = ½ per iteration.
        var points = new List<float[]>();
        new ParticleSwarmOptimizer { SwarmSize = 4, Inertia = 0.5, CognitiveCoefficient = 0, SocialCoefficient = 0 }.Minimize(
            new[] { 0f }, GradientFreeOptimizers.Recording(x => x[0] * x[0], points),
            new GradientFreeOptions { MaxIterations = 4, Seed = 3 });

        for (int p = 0; p < 4; p++)
        {
            double first = points[4 + p][0] - points[p][0], second = points[8 + p][0] - points[4 + p][0], third = points[12 + p][0] - points[8 + p][0];
            Assert.Equal(0.5 * first, second, 5);
            Assert.Equal(0.5 * second, third, 5);
        }
    }

    [Fact]
    public void StandsStillWithNoInertiaAndNoPulls()
    {
        var points = new List<float[]>();
        new ParticleSwarmOptimizer { SwarmSize = 5, Inertia = 0, CognitiveCoefficient = 0, SocialCoefficient = 0 }.Minimize(
            new[] { 1f, 1f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points),
            new GradientFreeOptions { MaxIterations = 3, Seed = 3 });

        for (int i = 5; i < points.Count; i++) Assert.Equal(points[i % 5], points[i]);
    }

    [Fact]
    public void HasClercsConstrictionCoefficientsByDefault()
    {
        var optimizer = new ParticleSwarmOptimizer();
        Assert.Equal(30, optimizer.SwarmSize);
        Assert.Equal(0.7298, optimizer.Inertia);
        Assert.Equal(1.49618, optimizer.CognitiveCoefficient);
        Assert.Equal(1.49618, optimizer.SocialCoefficient);
        Assert.Null(optimizer.MaxVelocity);
    }

    [Fact]
    public void RejectsCoefficientsOutOfRange()
    {
        Assert.Equal("SwarmSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ParticleSwarmOptimizer { SwarmSize = 1 }).ParamName);
        Assert.Equal("Inertia", Assert.Throws<ArgumentOutOfRangeException>(() => new ParticleSwarmOptimizer { Inertia = -0.1 }).ParamName);
        Assert.Equal("CognitiveCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new ParticleSwarmOptimizer { CognitiveCoefficient = double.NaN }).ParamName);
        Assert.Equal("SocialCoefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new ParticleSwarmOptimizer { SocialCoefficient = -1 }).ParamName);
        Assert.Equal("MaxVelocity", Assert.Throws<ArgumentOutOfRangeException>(() => new ParticleSwarmOptimizer { MaxVelocity = 0 }).ParamName);
    }
}

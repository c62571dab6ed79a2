using System;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeHillClimbingTests
{
    [Fact]
    public void ReachesTheBottomOfRosenbrocksValley()
    {
        float[] point = [-1.2f, 1f];
        var result = new HillClimbingOptimizer().Minimize(point, GradientFreeFunctions.Rosenbrock,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rosenbrock {result.BestValue} at ({point[0]}, {point[1]}).");
        Assert.Equal(1f, point[0], 0.05f);
        Assert.Equal(1f, point[1], 0.1f);
    }

    [Fact]
    public void ImprovesOnRastriginAsALocalMethod()
    {
        float[] start = [3.2f, -2.7f];
        float[] point = (float[])start.Clone();
        var result = new HillClimbingOptimizer().Minimize(point, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxEvaluations = 5_000, Seed = 1 });

        // A local method only has to improve; it may settle in any nearby local minimum.
        Assert.True(result.BestValue < GradientFreeFunctions.Rastrigin(start) / 2, $"Rastrigin {result.BestValue}.");
    }

    [Fact]
    public void TrainsATinyNetworkOnXor()
    {
        var network = new GradientFreeXor(seed: 1);
        var result = new HillClimbingOptimizer().Minimize(network.Parameters, network.XorLoss,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 0.01, Seed = 1 });

        Assert.True(network.SolvesXor(out float[] outputs), $"XOR outputs {string.Join(", ", outputs)}, loss {result.BestValue}.");
    }

    [Fact]
    public void GrowsTheStepOnSuccess()
    {
        // A flat objective: every candidate ties, and a tie counts as a success.
        var progress = new SynchronousProgress<GradientFreeReport>();
        new HillClimbingOptimizer { StepIncrease = 2 }.Minimize(new[] { 0f, 0f }, _ => 0,
            new GradientFreeOptions { MaxIterations = 5, InitialScale = 0.5f }, progress);

        Assert.Equal([1, 2, 4, 8, 16], progress.Reports.ConvertAll(r => r.Scale));
    }

    [Fact]
    public void ShrinksTheStepOnFailureSoThatTheTargetRateHoldsItSteady()
    {
        // Every candidate is worse than the start: σ shrinks by 2^(−p/(1−p)) per failure, p = 0.2.
        float[] start = [0f, 0f];
        var progress = new SynchronousProgress<GradientFreeReport>();
        new HillClimbingOptimizer { StepIncrease = 2, TargetSuccessRate = 0.2 }.Minimize(start,
            x => x[0] == 0 && x[1] == 0 ? 0 : 1,
            new GradientFreeOptions { MaxIterations = 8 }, progress);

        double step = 1;
        for (int k = 0; k < 8; k++)
        {
            step *= Math.Pow(2, -0.25);
            Assert.Equal(step, progress.Reports[k].Scale, 12);
        }
    }

    [Fact]
    public void StopsWhenTheStepCollapses()
    {
        float[] point = [2f, -1f, 3f];
        var result = new HillClimbingOptimizer { MinimumStep = 1e-4 }.Minimize(point, GradientFreeFunctions.ShiftedSphere,
            new GradientFreeOptions { MaxEvaluations = 100_000, Seed = 2 });

        Assert.Equal(GradientFreeStopReason.Converged, result.StopReason);
        Assert.True(result.Evaluations < 100_000);
        Assert.True(result.BestValue < 1e-6);
    }

    [Fact]
    public void HasTheOneFifthRuleByDefault()
    {
        var optimizer = new HillClimbingOptimizer();
        Assert.Equal(1.5, optimizer.StepIncrease);
        Assert.Equal(0.2, optimizer.TargetSuccessRate);
        Assert.Equal(1e-7, optimizer.MinimumStep);
    }

    [Fact]
    public void RejectsCoefficientsOutOfRange()
    {
        Assert.Equal("StepIncrease", Assert.Throws<ArgumentOutOfRangeException>(() => new HillClimbingOptimizer { StepIncrease = 1 }).ParamName);
        Assert.Equal("StepIncrease", Assert.Throws<ArgumentOutOfRangeException>(() => new HillClimbingOptimizer { StepIncrease = double.PositiveInfinity }).ParamName);
        Assert.Equal("TargetSuccessRate", Assert.Throws<ArgumentOutOfRangeException>(() => new HillClimbingOptimizer { TargetSuccessRate = 0 }).ParamName);
        Assert.Equal("TargetSuccessRate", Assert.Throws<ArgumentOutOfRangeException>(() => new HillClimbingOptimizer { TargetSuccessRate = 1 }).ParamName);
        Assert.Equal("MinimumStep", Assert.Throws<ArgumentOutOfRangeException>(() => new HillClimbingOptimizer { MinimumStep = 0 }).ParamName);
    }
}

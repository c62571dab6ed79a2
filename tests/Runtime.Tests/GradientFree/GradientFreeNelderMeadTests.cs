using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeNelderMeadTests
{
    [Fact]
    public void ConvergesToRosenbrocksMinimum()
    {
        float[] point = [-1.2f, 1f];
        var result = new NelderMeadOptimizer().Minimize(point, GradientFreeFunctions.Rosenbrock,
            new GradientFreeOptions { MaxEvaluations = 20_000 });

        Assert.Equal(GradientFreeStopReason.Converged, result.StopReason);
        Assert.True(result.BestValue < 1e-6, $"Rosenbrock {result.BestValue} at ({point[0]}, {point[1]}).");
        Assert.Equal(1f, point[0], 1e-3f);
        Assert.Equal(1f, point[1], 2e-3f);
    }

    [Fact]
    public void ImprovesOnRastriginAsALocalMethod()
    {
        float[] start = [3.2f, -2.7f];
        float[] point = (float[])start.Clone();
        var result = new NelderMeadOptimizer().Minimize(point, GradientFreeFunctions.Rastrigin, new GradientFreeOptions { MaxEvaluations = 5_000 });

        Assert.True(result.BestValue < GradientFreeFunctions.Rastrigin(start) / 2, $"Rastrigin {result.BestValue}.");
    }

    [Fact]
    public void TrainsATinyNetworkOnXor()
    {
        var network = new GradientFreeXor(seed: 1);
        var result = new NelderMeadOptimizer().Minimize(network.Parameters, network.XorLoss,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 0.01 });

        Assert.True(network.SolvesXor(out float[] outputs), $"XOR outputs {string.Join(", ", outputs)}, loss {result.BestValue}.");
    }

    [Fact]
    public void StartsFromTheAxisSimplexThenReflectsAndExpands()
    {
        // f = y from the origin: the worst vertex (0, 1) reflects through the centroid (0.5, 0) of the
        // others to (1, −1), which beats the best, so the search expands to (1.5, −2).
        var points = new List<float[]>();
        new NelderMeadOptimizer().Minimize(new[] { 0f, 0f }, GradientFreeOptimizers.Recording(x => x[1], points),
            new GradientFreeOptions { MaxEvaluations = 5 });

        Assert.Equal([[0f, 0f], [1f, 0f], [0f, 1f], [1f, -1f], [1.5f, -2f]], points);
    }

    [Theory]
    [InlineData(false, 0.75f, -2f)]   // χ = 2: c + 2·(c − worst), c = (¼, ¼, ¼, 0)
    [InlineData(true, 0.625f, -1.5f)] // Gao–Han in 4-D: χ = 1 + 2/4 = 1.5
    public void ExpandsByTheStandardOrTheAdaptiveCoefficient(bool adaptive, float spread, float last)
    {
        var points = new List<float[]>();
        new NelderMeadOptimizer { Adaptive = adaptive }.Minimize(new float[4], GradientFreeOptimizers.Recording(x => x[3], points),
            new GradientFreeOptions { MaxEvaluations = 7 });

        Assert.Equal([0.5f, 0.5f, 0.5f, -1f], points[5]);
        Assert.Equal([spread, spread, spread, last], points[6]);
    }

    [Fact]
    public void ContractsOutsideWhenTheReflectionOnlyBeatsTheWorstVertex()
    {
        // Simplex (0, 0): 0, (1, 0): 1, (0, 1): 3; the reflection (1, −1): 2 beats only the worst, so the
        // search contracts outside, to the centroid (0.5, 0) plus half the way to the reflection.
        var points = new List<float[]>();
        new NelderMeadOptimizer().Minimize(new[] { 0f, 0f }, GradientFreeOptimizers.Recording(x => (x[0], x[1]) switch
        {
            (0f, 0f) => 0,
            (1f, 0f) => 1,
            (0f, 1f) => 3,
            (1f, -1f) => 2,
            _ => 1.5,
        }, points), new GradientFreeOptions { MaxEvaluations = 5 });

        Assert.Equal([0.75f, -0.5f], points[4]);
    }

    [Fact]
    public void ContractsInsideThenShrinksTowardsTheBestVertexWhenNothingHelps()
    {
        // A needle: 0 at the origin, 1 everywhere else. The reflection (1, −1) does not beat the worst
        // vertex (0, 1), nor does the inside contraction (0.25, 0.5), so the other vertices shrink halfway.
        var points = new List<float[]>();
        new NelderMeadOptimizer().Minimize(new[] { 0f, 0f }, GradientFreeOptimizers.Recording(x => x[0] == 0 && x[1] == 0 ? 0 : 1, points),
            new GradientFreeOptions { MaxEvaluations = 7 });

        Assert.Equal([[1f, -1f], [0.25f, 0.5f], [0.5f, 0f], [0f, 0.5f]], points.Skip(3));
    }

    [Fact]
    public void RestartsAConvergedSimplexAroundTheBestPoint()
    {
        for (int restarts = 0; restarts <= 2; restarts++)
        {
            var progress = new SynchronousProgress<GradientFreeReport>();
            var optimizer = new NelderMeadOptimizer { MaxRestarts = restarts, SizeTolerance = 1e-4, ValueTolerance = 1 };
            var result = optimizer.Minimize(new[] { 2f, -1f, 3f }, GradientFreeFunctions.ShiftedSphere,
                new GradientFreeOptions { MaxEvaluations = 100_000 }, progress);

            Assert.Equal(GradientFreeStopReason.Converged, result.StopReason);
            // Each convergence closes an iteration with a simplex at most the tolerance across; a restart follows it with a full-size one.
            Assert.Equal(restarts + 1, progress.Reports.Count(r => r.Scale <= 1e-4));
            Assert.True(progress.Reports[^1].Scale <= 1e-4);
            Assert.True(result.BestValue < 1e-6);
        }
    }

    [Fact]
    public void HasTheStandardCoefficientsByDefault()
    {
        var optimizer = new NelderMeadOptimizer();
        Assert.Equal((1.0, 2.0, 0.5, 0.5), (optimizer.Reflection, optimizer.Expansion, optimizer.Contraction, optimizer.Shrink));
        Assert.False(optimizer.Adaptive);
        Assert.Equal(3, optimizer.MaxRestarts);
    }

    [Fact]
    public void RejectsCoefficientsOutOfRange()
    {
        Assert.Equal("Reflection", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { Reflection = 0 }).ParamName);
        Assert.Equal("Contraction", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { Contraction = 1 }).ParamName);
        Assert.Equal("Shrink", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { Shrink = 0 }).ParamName);
        Assert.Equal("ValueTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { ValueTolerance = -1 }).ParamName);
        Assert.Equal("SizeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { SizeTolerance = double.NaN }).ParamName);
        Assert.Equal("MaxRestarts", Assert.Throws<ArgumentOutOfRangeException>(() => new NelderMeadOptimizer { MaxRestarts = -1 }).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new NelderMeadOptimizer { Expansion = 0.9 }.Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions()));
        Assert.Equal("Expansion", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new NelderMeadOptimizer { Reflection = 3 }.Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions()));
        Assert.Equal("Expansion", e.ParamName);
    }
}

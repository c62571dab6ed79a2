using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;

namespace DslNet.Tests;

/// <summary>What every gradient-free optimiser promises: budgets, stopping criteria, determinism, reports and argument checks.</summary>
public sealed class GradientFreeCommonTests
{
    private static readonly float[] s_farStart = [4f, -3f, 5f];

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void NeverEvaluatesMoreThanTheBudget(string name)
    {
        int calls = 0;
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x =>
        {
            calls++;
            return GradientFreeFunctions.ShiftedSphere(x);
        }, new GradientFreeOptions { MaxEvaluations = 137, Seed = 3 });

        Assert.Equal(137, calls);
        Assert.Equal(137, result.Evaluations);
        Assert.Equal(GradientFreeStopReason.MaxEvaluations, result.StopReason);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void IsDeterministicForASeedAndVariesWithIt(string name)
    {
        (List<float[]> points, float[] best, GradientFreeResult result) Run(int seed)
        {
            var points = new List<float[]>();
            float[] point = (float[])s_farStart.Clone();
            var options = new GradientFreeOptions { MaxEvaluations = 400, Seed = seed, InitialScale = 2f };
            var result = GradientFreeOptimizers.Create(name).Minimize(point, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points), options);
            return (points, point, result);
        }

        var first = Run(7);
        var second = Run(7);
        var other = Run(8);

        Assert.Equal(first.points.Count, second.points.Count);
        for (int i = 0; i < first.points.Count; i++) Assert.Equal(first.points[i], second.points[i]);
        Assert.Equal(first.best, second.best);
        Assert.Equal(first.result.BestValue, second.result.BestValue);
        Assert.Equal(first.result.Iterations, second.result.Iterations);
        // Nelder–Mead draws no random numbers: the seed cannot change it.
        if (name != nameof(NelderMeadOptimizer))
        {
            Assert.NotEqual(first.points.Skip(1).SelectMany(p => p), other.points.Skip(1).SelectMany(p => p));
        }
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void EvaluatesTheStartFirstAndReturnsTheBestPointSeen(string name)
    {
        var points = new List<float[]>();
        var values = new List<double>();
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x =>
        {
            points.Add(x.ToArray());
            double value = GradientFreeFunctions.ShiftedSphere(x);
            values.Add(value);
            return value;
        }, new GradientFreeOptions { MaxEvaluations = 300, Seed = 1 });

        Assert.Equal(s_farStart, points[0]);
        int best = values.IndexOf(values.Min());
        Assert.Equal(values[best], result.BestValue);
        Assert.Equal(points[best], point);
        Assert.Equal(result.BestValue, GradientFreeFunctions.ShiftedSphere(point));
        Assert.True(result.BestValue < values[0], $"{name} did not improve on the start: {result.BestValue} vs {values[0]}.");
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void ReadsTheStartOnceSoTheObjectiveMayOverwriteIt(string name)
    {
        // As when the point is a network's Parameters and the objective loads each candidate into them.
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x =>
        {
            double value = GradientFreeFunctions.ShiftedSphere(x);
            x.CopyTo(point);
            return value;
        }, new GradientFreeOptions { MaxEvaluations = 300, Seed = 1 });

        float[] alone = (float[])s_farStart.Clone();
        var reference = GradientFreeOptimizers.Create(name).Minimize(alone, GradientFreeFunctions.ShiftedSphere, new GradientFreeOptions { MaxEvaluations = 300, Seed = 1 });
        Assert.Equal(reference.BestValue, result.BestValue);
        Assert.Equal(alone, point);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void StopsAsSoonAsTheTargetIsReached(string name)
    {
        var values = new List<double>();
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x =>
        {
            double value = GradientFreeFunctions.ShiftedSphere(x);
            values.Add(value);
            return value;
        }, new GradientFreeOptions { TargetValue = 2, Seed = 2, InitialScale = 3f });

        Assert.Equal(GradientFreeStopReason.TargetReached, result.StopReason);
        Assert.True(values[^1] <= 2);
        Assert.All(values.Take(values.Count - 1), v => Assert.True(v > 2));
        Assert.Equal(values[^1], result.BestValue);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void StopsAfterTheIterationBudgetAndReportsEveryIteration(string name)
    {
        var progress = new SynchronousProgress<GradientFreeReport>();
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxIterations = 7, Seed = 4 }, progress);

        Assert.Equal(GradientFreeStopReason.MaxIterations, result.StopReason);
        Assert.Equal(7, result.Iterations);
        Assert.Equal(Enumerable.Range(1, 7), progress.Reports.Select(r => r.Iteration));
        for (int i = 0; i < progress.Reports.Count; i++)
        {
            var report = progress.Reports[i];
            Assert.True(report.IterationBest >= report.BestValue);
            Assert.True(report.IterationMean >= report.IterationBest);
            Assert.True(report.Scale > 0 && double.IsFinite(report.Scale));
            if (i > 0)
            {
                Assert.True(report.Evaluations > progress.Reports[i - 1].Evaluations);
                Assert.True(report.BestValue <= progress.Reports[i - 1].BestValue);
                Assert.True(report.Elapsed >= progress.Reports[i - 1].Elapsed);
            }
        }
        Assert.Equal(result.Evaluations, progress.Reports[^1].Evaluations);
        Assert.Equal(result.BestValue, progress.Reports[^1].BestValue);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void StopsWhenTheBestValueStalls(string name)
    {
        // A flat objective: the first iteration sets the best value, five more without progress end the search.
        var result = GradientFreeOptimizers.Create(name).Minimize((float[])s_farStart.Clone(), _ => 1.0,
            new GradientFreeOptions { StallIterations = 5, Seed = 5 });

        Assert.Equal(GradientFreeStopReason.Stalled, result.StopReason);
        Assert.Equal(6, result.Iterations);
        Assert.Equal(1.0, result.BestValue);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void CountsOnlyImprovementsBeyondTheStallTolerance(string name)
    {
        // Each evaluation improves by 1e-9, below the tolerance, so the search stalls although it "improves".
        double next = 1;
        var result = GradientFreeOptimizers.Create(name).Minimize((float[])s_farStart.Clone(), _ => next -= 1e-9,
            new GradientFreeOptions { StallIterations = 4, StallTolerance = 1e-3, Seed = 5 });

        Assert.Equal(GradientFreeStopReason.Stalled, result.StopReason);
        Assert.Equal(5, result.Iterations);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void StopsWhenCancelledAndStillWritesTheBestPoint(string name)
    {
        using var cancellation = new CancellationTokenSource();
        int calls = 0;
        var values = new List<(double Value, float[] Point)>();
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x =>
        {
            if (++calls == 50) cancellation.Cancel();
            double value = GradientFreeFunctions.ShiftedSphere(x);
            values.Add((value, x.ToArray()));
            return value;
        }, new GradientFreeOptions { Seed = 6 }, cancellationToken: cancellation.Token);

        Assert.Equal(GradientFreeStopReason.Cancelled, result.StopReason);
        Assert.Equal(50, calls);
        Assert.Equal(50, result.Evaluations);
        var best = values.MinBy(v => v.Value);
        Assert.Equal(best.Value, result.BestValue);
        Assert.Equal(best.Point, point);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void TreatsNaNAsWorseThanAnyNumber(string name)
    {
        // The bowl's minimum (0, 1, 2) lies where the objective is NaN; the answer must stay out of that region.
        float[] point = (float[])s_farStart.Clone();
        var result = GradientFreeOptimizers.Create(name).Minimize(point,
            x => x[0] < 1f ? double.NaN : GradientFreeFunctions.ShiftedSphere(x),
            new GradientFreeOptions { MaxEvaluations = 2000, Seed = 7 });

        Assert.True(double.IsFinite(result.BestValue));
        Assert.True(point[0] >= 1f);
        Assert.True(result.BestValue >= 1.0);
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void RejectsAnEmptyOrNonFiniteStartAndNullArguments(string name)
    {
        var optimizer = GradientFreeOptimizers.Create(name);
        var options = new GradientFreeOptions();
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => optimizer.Minimize(Span<float>.Empty, GradientFreeFunctions.Rastrigin, options)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => optimizer.Minimize(new[] { 1f, float.NaN }, GradientFreeFunctions.Rastrigin, options)).ParamName);
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => optimizer.Minimize(new[] { float.PositiveInfinity }, GradientFreeFunctions.Rastrigin, options)).ParamName);
        Assert.Throws<ArgumentNullException>(() => optimizer.Minimize(new[] { 1f }, null!, options));
        Assert.Throws<ArgumentNullException>(() => optimizer.Minimize(new[] { 1f }, GradientFreeFunctions.Rastrigin, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Minimize(new[] { 1f }, GradientFreeFunctions.Rastrigin, new GradientFreeOptions { InitialScale = 0 }));
    }

    [Theory]
    [MemberData(nameof(GradientFreeOptimizers.Names), MemberType = typeof(GradientFreeOptimizers))]
    public void WorksInOneDimension(string name)
    {
        float[] point = [3f];
        var result = GradientFreeOptimizers.Create(name).Minimize(point, x => (x[0] - 0.5) * (x[0] - 0.5),
            new GradientFreeOptions { MaxEvaluations = 3000, Seed = 8 });

        Assert.True(result.BestValue < 1e-6, $"{name} reached {result.BestValue} at {point[0]}.");
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeSimulatedAnnealingTests
{
    [Fact]
    public void ReachesTheBottomOfRosenbrocksValley()
    {
        float[] point = [-1.2f, 1f];
        var result = new SimulatedAnnealingOptimizer().Minimize(point, GradientFreeFunctions.Rosenbrock,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rosenbrock {result.BestValue} at ({point[0]}, {point[1]}).");
    }

    [Fact]
    public void FindsTheGlobalMinimumOfRastrigin()
    {
        // From next to the local minimum at (3, −3), across the usual domain [−5.12, 5.12]².
        float[] point = [3.2f, -2.7f];
        var result = new SimulatedAnnealingOptimizer().Minimize(point, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxEvaluations = 20_000, InitialScale = 5.12f, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rastrigin {result.BestValue} at ({point[0]}, {point[1]}).");
        Assert.Equal(0f, point[0], 0.01f);
        Assert.Equal(0f, point[1], 0.01f);
    }

    [Fact]
    public void TrainsATinyNetworkOnXor()
    {
        var network = new GradientFreeXor(seed: 1);
        var result = new SimulatedAnnealingOptimizer().Minimize(network.Parameters, network.XorLoss,
            new GradientFreeOptions { MaxEvaluations = 50_000, TargetValue = 0.01, Seed = 1 });

        Assert.True(network.SolvesXor(out float[] outputs), $"XOR outputs {string.Join(", ", outputs)}, loss {result.BestValue}.");
    }

    [Fact]
    public void SchedulesTheTemperatureFromInitialToFinal()
    {
        const double t0 = 100, t1 = 0.01;
        Assert.Equal(t0, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Exponential, t0, t1, 0, 101), 12);
        Assert.Equal(1.0, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Exponential, t0, t1, 50, 101), 12);
        Assert.Equal(t1, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Exponential, t0, t1, 100, 101), 12);
        Assert.Equal(t0, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, 0, 101), 12);
        Assert.Equal(50.005, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, 50, 101), 12);
        Assert.Equal(t1, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, 100, 101), 12);
        Assert.Equal(t0, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Logarithmic, t0, t1, 0, 101), 12);
        Assert.Equal(t0 / 2, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Logarithmic, t0, t1, 2, 101), 12);
        Assert.Equal(t0 / 3, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Logarithmic, t0, t1, 6, 101), 12);
        // Past the plan, and with a plan of one iteration, the temperature stays at T₁.
        Assert.Equal(t1, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Exponential, t0, t1, 500, 101), 12);
        Assert.Equal(t1, SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, 0, 1), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAnnealingOptimizer.Temperature(AnnealingSchedule.Linear, t0, t1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAnnealingOptimizer.Temperature((AnnealingSchedule)7, t0, t1, 0, 10));
    }

    [Theory]
    [InlineData(AnnealingSchedule.Exponential)]
    [InlineData(AnnealingSchedule.Linear)]
    [InlineData(AnnealingSchedule.Logarithmic)]
    public void CoolsOverTheEvaluationBudgetAndReportsTheTemperature(AnnealingSchedule schedule)
    {
        // Given T₀ there is no calibration: the start, then one candidate per iteration, 100 planned.
        var progress = new SynchronousProgress<GradientFreeReport>();
        var optimizer = new SimulatedAnnealingOptimizer { Schedule = schedule, InitialTemperature = 10, FinalTemperature = 0.001 };
        optimizer.Minimize(new[] { 1f, 2f }, GradientFreeFunctions.Rastrigin, new GradientFreeOptions { MaxEvaluations = 101, Seed = 3 }, progress);

        Assert.Equal(100, progress.Reports.Count);
        for (int k = 0; k < 100; k++)
        {
            Assert.Equal(SimulatedAnnealingOptimizer.Temperature(schedule, 10, 0.001, k, 100), progress.Reports[k].Scale, 12);
        }
    }

    [Fact]
    public void CalibratesTheInitialTemperatureFromRandomSteps()
    {
        // Every step from the start goes uphill by exactly 1, so T₀ = −1 / ln 0.8, after 20 calibration evaluations.
        var progress = new SynchronousProgress<GradientFreeReport>();
        new SimulatedAnnealingOptimizer().Minimize(new[] { 0f, 0f }, x => x[0] == 0 && x[1] == 0 ? 0 : 1,
            new GradientFreeOptions { MaxIterations = 2 }, progress);

        Assert.Equal(-1 / Math.Log(0.8), progress.Reports[0].Scale, 12);
        Assert.Equal(1 + 20 + 1, progress.Reports[0].Evaluations);

        progress = new SynchronousProgress<GradientFreeReport>();
        new SimulatedAnnealingOptimizer { CalibrationSamples = 5 }.Minimize(new[] { 0f, 0f }, x => x[0] == 0 && x[1] == 0 ? 0 : 1,
            new GradientFreeOptions { MaxIterations = 2 }, progress);
        Assert.Equal(1 + 5 + 1, progress.Reports[0].Evaluations);
    }

    [Fact]
    public void ReturnsToTheBestPointRatherThanDriftingAcrossAPlateau()
    {
        // A bowl of radius 1 in a 5-D plateau: while hot the walk leaves the bowl; once cold, a walk stranded
        // on the plateau is sent back to the best point. Plain annealing (an infinite threshold) wanders the
        // plateau, where every move is a tie, and in five dimensions does not find the bowl again.
        static double Radius(float[] x) => Math.Sqrt(x.Sum(v => (double)v * v));
        double LateMaxRadius(double threshold)
        {
            var points = new List<float[]>();
            new SimulatedAnnealingOptimizer { ReturnThreshold = threshold, InitialTemperature = 1, FinalTemperature = 1e-6 }.Minimize(
                new[] { 0.5f, 0f, 0f, 0f, 0f }, GradientFreeOptimizers.Recording(x => Math.Min(Radius(x.ToArray()), 1), points),
                new GradientFreeOptions { MaxEvaluations = 5_000, Seed = 4 });
            return points.Skip(2_000).Max(Radius);
        }

        Assert.True(LateMaxRadius(10) < 1);
        Assert.True(LateMaxRadius(double.PositiveInfinity) > 5);
    }

    [Fact]
    public void HasCalibratedExponentialCoolingByDefault()
    {
        var optimizer = new SimulatedAnnealingOptimizer();
        Assert.Equal(AnnealingSchedule.Exponential, optimizer.Schedule);
        Assert.Null(optimizer.InitialTemperature);
        Assert.Null(optimizer.FinalTemperature);
        Assert.Equal(0.44, optimizer.TargetAcceptanceRate);
        Assert.Equal(20, optimizer.CalibrationSamples);
        Assert.Equal(10, optimizer.ReturnThreshold);
    }

    [Fact]
    public void RejectsCoefficientsOutOfRange()
    {
        Assert.Equal("InitialTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { InitialTemperature = 0 }).ParamName);
        Assert.Equal("FinalTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { FinalTemperature = -1 }).ParamName);
        Assert.Equal("TargetAcceptanceRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { TargetAcceptanceRate = 1 }).ParamName);
        Assert.Equal("CalibrationSamples", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { CalibrationSamples = 0 }).ParamName);
        Assert.Equal("ReturnThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { ReturnThreshold = 0 }).ParamName);
        Assert.Equal("ReturnThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { ReturnThreshold = double.NaN }).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new SimulatedAnnealingOptimizer { InitialTemperature = 1, FinalTemperature = 1 }
            .Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions()));
        Assert.Equal("FinalTemperature", e.ParamName);
        Assert.Equal("Schedule", Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedAnnealingOptimizer { Schedule = (AnnealingSchedule)9 }
            .Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions())).ParamName);
    }
}

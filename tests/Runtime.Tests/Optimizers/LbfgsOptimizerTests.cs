using System;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

[Collection(AllocationMeasurement.Name)]
public sealed class LbfgsOptimizerTests
{
    /// <summary>The extended Rosenbrock function Σ 100·(x₍ᵢ₊₁₎ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
    private static float Rosenbrock(ReadOnlySpan<float> x, Span<float> gradient)
    {
        double value = 0;
        gradient.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i], b = x[i + 1], t = b - a * a;
            value += 100 * t * t + (1 - a) * (1 - a);
            gradient[i] += (float)(-400 * a * t - 2 * (1 - a));
            gradient[i + 1] += (float)(200 * t);
        }
        return (float)value;
    }

    private static float[] RosenbrockStart(int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2f : 1f;
        return x;
    }

    [Fact]
    public void MinimisesTheRosenbrockFunction()
    {
        float[] x = RosenbrockStart(2);
        var result = new LbfgsOptimizer().Minimize(x, Rosenbrock, maxIterations: 200);

        Assert.True(result.Converged, $"stopped with {result.StopReason} after {result.Iterations} iterations, loss {result.Loss}.");
        Assert.Equal(1f, x[0], tolerance: 1e-3f);
        Assert.Equal(1f, x[1], tolerance: 2e-3f);
        Assert.True(result.Loss < 1e-6f, $"loss {result.Loss}");
        // Quasi-Newton speed: steepest descent needs thousands of steps on this valley.
        Assert.True(result.Iterations < 100, $"{result.Iterations} iterations");
        Assert.True(result.Evaluations < 3 * result.Iterations + 10, $"{result.Evaluations} evaluations for {result.Iterations} iterations");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void MinimisesTheExtendedRosenbrockFunctionWithAnyHistorySize(int historySize)
    {
        float[] x = RosenbrockStart(10);
        var result = new LbfgsOptimizer(historySize).Minimize(x, Rosenbrock, maxIterations: 500);

        Assert.True(result.Converged, $"stopped with {result.StopReason} after {result.Iterations} iterations, loss {result.Loss}.");
        Assert.All(x, v => Assert.Equal(1f, v, tolerance: 5e-3f));
    }

    [Fact]
    public void SolvesAnIllConditionedQuadraticFarFasterThanSteepestDescent()
    {
        // f = ½ Σ dᵢ·(xᵢ − 1)² with d from 1 to 100: steepest descent with its best fixed step shrinks the
        // error by only 99/101 a step (about 350 steps for 1e-3); the curvature pairs make L-BFGS far quicker.
        const int n = 10;
        Func<ReadOnlySpan<float>, Span<float>, float> quadratic = (x, g) =>
        {
            double value = 0;
            for (int i = 0; i < n; i++)
            {
                double d = Math.Pow(100, i / (n - 1.0)), r = x[i] - 1;
                value += 0.5 * d * r * r;
                g[i] = (float)(d * r);
            }
            return (float)value;
        };
        var x = new float[n];
        var result = new LbfgsOptimizer(historySize: n).Minimize(x, quadratic, maxIterations: 100);

        Assert.True(result.Converged, $"stopped with {result.StopReason}");
        Assert.True(result.Iterations <= 50, $"{result.Iterations} iterations");
        Assert.All(x, v => Assert.Equal(1f, v, tolerance: 1e-3f));
    }

    [Fact]
    public void FitsASmallGeneratedNetworkFullBatch()
    {
        // y = sin(πx) on 32 points in [−1, 1]: a training forward and backward over the whole set per evaluation.
        const int batch = 32;
        var network = new LbfgsCurveNet(seed: 3, batchCapacity: batch);
        var inputs = new float[batch];
        var targets = new float[batch];
        for (int i = 0; i < batch; i++)
        {
            inputs[i] = -1f + 2f * i / (batch - 1);
            targets[i] = MathF.Sin(MathF.PI * inputs[i]);
        }
        var loss = new MeanSquaredErrorLoss();
        var output = new float[batch];
        var lossGradient = new float[batch];
        Func<ReadOnlySpan<float>, Span<float>, float> objective = (parameters, gradient) =>
        {
            // The optimiser moves the network's own parameter span, so there is nothing to copy in.
            Assert.True(parameters.Overlaps(network.Parameters));
            network.ZeroGradients();
            network.Forward(inputs, output, batch, training: true);
            float value = loss.Compute(output, targets, lossGradient, batch, network.OutputActivation);
            network.Backward(lossGradient, Span<float>.Empty, batch);
            network.Gradients.CopyTo(gradient);
            return value;
        };
        float initial = objective(network.Parameters, new float[LbfgsCurveNet.ParameterCount]);

        var result = new LbfgsOptimizer().Minimize(network.Parameters, objective, maxIterations: 300);

        Assert.True(result.Loss < 1e-3f, $"loss {initial} → {result.Loss} ({result.StopReason} after {result.Iterations} iterations)");
        Assert.True(result.Loss < initial / 100, $"loss {initial} → {result.Loss}");
        // The parameters left in the network are the ones the result describes.
        network.Forward(inputs, output, batch);
        Assert.Equal(result.Loss, loss.Compute(output, targets, Span<float>.Empty, batch, network.OutputActivation), tolerance: 1e-6f);
    }

    [Fact]
    public void StepsAfterTheFirstAllocateNothing()
    {
        float[] x = RosenbrockStart(50);
        var optimizer = new LbfgsOptimizer(historySize: 5);
        Func<ReadOnlySpan<float>, Span<float>, float> objective = Rosenbrock;
        optimizer.Step(x, objective);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 30; i++) optimizer.Step(x, objective);
        }, attempts: 1); // one window: the iteration count below counts its steps

        Assert.Null(optimizer.StopReason);
        Assert.Equal(31, optimizer.Iterations);
    }

    [Fact]
    public void StepsReuseTheLastEvaluationUnlessTheCallerMovedThePoint()
    {
        float[] x = RosenbrockStart(2);
        var optimizer = new LbfgsOptimizer();
        int evaluations = 0;
        Func<ReadOnlySpan<float>, Span<float>, float> counted = (p, g) =>
        {
            evaluations++;
            return Rosenbrock(p, g);
        };
        optimizer.Step(x, counted);
        int first = evaluations;
        optimizer.Step(x, counted);
        int second = evaluations - first;

        x[0] += 0.01f;
        float loss = optimizer.Step(x, counted);
        Assert.Equal(optimizer.Loss, loss);
        // One evaluation for the moved start point plus the line search's, against the line search's alone.
        Assert.True(second >= 1);
        Assert.Equal(optimizer.Evaluations, evaluations);
        Assert.Equal(3, optimizer.Iterations);
    }

    [Fact]
    public void StopsAtAMinimumWithoutMoving()
    {
        float[] x = [1f, 1f];
        var optimizer = new LbfgsOptimizer();
        var result = optimizer.Minimize(x, Rosenbrock);
        Assert.Equal(LbfgsStopReason.GradientTolerance, result.StopReason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal([1f, 1f], x);
    }

    [Fact]
    public void ANonFiniteObjectiveStops()
    {
        float[] x = [0f];
        var result = new LbfgsOptimizer().Minimize(x, (p, g) =>
        {
            g[0] = 1;
            return float.NaN;
        });
        Assert.Equal(LbfgsStopReason.NotFinite, result.StopReason);
        Assert.False(result.Converged);
    }

    [Fact]
    public void ALineSearchThatStepsOutOfTheDomainBacksOff()
    {
        // f = 2·(x − 3)², undefined (NaN) from 3.1 on. From 2.8, ‖g‖₁ = 0.8 < 1, so the first trial is the
        // full step to 3.6: NaN. The line search must bracket it and come back inside.
        int undefined = 0;
        float[] x = [2.8f];
        var result = new LbfgsOptimizer().Minimize(x, (p, g) =>
        {
            if (p[0] >= 3.1f)
            {
                undefined++;
                g[0] = float.NaN;
                return float.NaN;
            }
            g[0] = 4 * (p[0] - 3);
            return 2 * (p[0] - 3) * (p[0] - 3);
        });
        Assert.True(undefined > 0);
        Assert.True(result.Converged, $"{result.StopReason}");
        Assert.Equal(3f, x[0], tolerance: 1e-5f);
    }

    [Fact]
    public void ResetForgetsHistoryAndCounters()
    {
        float[] x = RosenbrockStart(2);
        var optimizer = new LbfgsOptimizer();
        optimizer.Minimize(x, Rosenbrock, maxIterations: 5);
        optimizer.Reset();
        Assert.Equal(0, optimizer.Iterations);
        Assert.Equal(0, optimizer.Evaluations);
        Assert.True(float.IsNaN(optimizer.Loss));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptimizer(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptimizer { Curvature = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptimizer { MaxLineSearchEvaluations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptimizer { GradientTolerance = -1 });
        var optimizer = new LbfgsOptimizer();
        Assert.Throws<ArgumentException>(() => optimizer.Step(Span<float>.Empty, Rosenbrock));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Minimize(new float[2], Rosenbrock, maxIterations: 0));
        optimizer.Step(new float[2], Rosenbrock);
        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[3], Rosenbrock));
        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);
    }
}

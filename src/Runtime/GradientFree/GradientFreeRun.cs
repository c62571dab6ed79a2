using System;
using System.Diagnostics;
using System.Threading;

namespace DslNet;

/// <summary>
/// The bookkeeping every gradient-free optimiser shares: argument checks, the seeded generator, counting
/// evaluations against the budget, tracking the best point, stopping criteria and per-iteration reports.
/// An optimiser only asks it to evaluate points and to close iterations.
/// </summary>
internal sealed class GradientFreeRun
{
    private readonly Func<ReadOnlySpan<float>, double> _objective;
    private readonly IProgress<GradientFreeReport>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private GradientFreeStopReason? _stopReason;

    // The values evaluated since the last closed iteration.
    private int _iterationCount;
    private double _iterationSum;
    private double _iterationBest = double.PositiveInfinity;

    // The best value at the last iteration that counted as progress, and iterations since.
    private double _stallReference = double.PositiveInfinity;
    private int _stallCount;

    public GradientFreeRun(
        string optimizer,
        ReadOnlySpan<float> start,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (start.IsEmpty)
        {
            throw new ArgumentException($"{optimizer}: the start point is empty; it must hold at least one parameter.", "point");
        }
        for (int i = 0; i < start.Length; i++)
        {
            if (!float.IsFinite(start[i]))
            {
                throw new ArgumentException($"{optimizer}: the start point's coordinate {i} is {start[i]}; every coordinate must be finite.", "point");
            }
        }
        _objective = objective;
        _progress = progress;
        _cancellationToken = cancellationToken;
        Options = options;
        Start = start.ToArray();
        BestPoint = start.ToArray();
        Random = new FastRandom(options.Seed);
    }

    public GradientFreeOptions Options { get; }

    /// <summary>A private copy of the start, so the caller's span may change during the search.</summary>
    public float[] Start { get; }

    public int Dimension => Start.Length;

    public float[] BestPoint { get; }

    public double BestValue { get; private set; } = double.PositiveInfinity;

    public FastRandom Random { get; }

    public int Evaluations { get; private set; }

    public int Iterations { get; private set; }

    /// <summary>True once any criterion has ended the search; the optimiser should return.</summary>
    public bool Stopped => _stopReason is not null;

    /// <summary>
    /// Evaluates <paramref name="point"/> unless the search has stopped or the budget is spent (then false).
    /// The value may end the search (target reached, last evaluation of the budget) and still be returned.
    /// </summary>
    public bool TryEvaluate(ReadOnlySpan<float> point, out double value)
    {
        value = double.PositiveInfinity;
        if (_stopReason is not null) return false;
        if (_cancellationToken.IsCancellationRequested)
        {
            Stop(GradientFreeStopReason.Cancelled);
            return false;
        }

        value = _objective(point);
        if (double.IsNaN(value)) value = double.PositiveInfinity; // a NaN must never win a comparison
        Evaluations++;
        _iterationCount++;
        _iterationSum += value;
        if (value < _iterationBest) _iterationBest = value;
        if (value < BestValue)
        {
            BestValue = value;
            point.CopyTo(BestPoint);
        }

        if (BestValue <= Options.TargetValue) Stop(GradientFreeStopReason.TargetReached);
        else if (Evaluations >= Options.MaxEvaluations) Stop(GradientFreeStopReason.MaxEvaluations);
        return true;
    }

    /// <summary>Ends the search for a method-specific reason (the first reason given wins).</summary>
    public void Stop(GradientFreeStopReason reason) => _stopReason ??= reason;

    /// <summary>Closes the current iteration: reports it, then applies the iteration budget and the stall criterion.</summary>
    /// <param name="scale">The method's search scale, as <see cref="GradientFreeReport.Scale"/> documents.</param>
    public void EndIteration(double scale)
    {
        if (_iterationCount == 0) return; // nothing happened since the last one
        Iterations++;
        _progress?.Report(new GradientFreeReport(
            Iterations, Evaluations, BestValue, _iterationBest, _iterationSum / _iterationCount, scale, _clock.Elapsed));
        _iterationCount = 0;
        _iterationSum = 0;
        _iterationBest = double.PositiveInfinity;

        if (BestValue < _stallReference - Options.StallTolerance)
        {
            _stallReference = BestValue;
            _stallCount = 0;
        }
        else if (++_stallCount >= Options.StallIterations)
        {
            Stop(GradientFreeStopReason.Stalled);
        }
        if (Iterations >= Options.MaxIterations) Stop(GradientFreeStopReason.MaxIterations);
    }

    /// <summary>Closes a partial last iteration, writes the best point into <paramref name="point"/> and summarises.</summary>
    public GradientFreeResult Finish(Span<float> point, double scale)
    {
        EndIteration(scale);
        BestPoint.CopyTo(point);
        _clock.Stop();
        // Every loop ends through a criterion; the fallback only guards a method that returns early.
        return new GradientFreeResult(BestValue, Evaluations, Iterations, _stopReason ?? GradientFreeStopReason.Converged, _clock.Elapsed);
    }

    /// <summary>A float uniform in [−1, 1).</summary>
    public float NextSymmetric() => 2f * Random.NextFloat() - 1f;

    /// <summary>
    /// The spread of a population: the root mean square, over coordinates, of the standard deviation
    /// across individuals.
    /// </summary>
    public static double Spread(float[][] individuals)
    {
        int count = individuals.Length, dimension = individuals[0].Length;
        double sumOfVariances = 0;
        for (int d = 0; d < dimension; d++)
        {
            double mean = 0;
            for (int i = 0; i < count; i++) mean += individuals[i][d];
            mean /= count;
            double variance = 0;
            for (int i = 0; i < count; i++)
            {
                double deviation = individuals[i][d] - mean;
                variance += deviation * deviation;
            }
            sumOfVariances += variance / count;
        }
        return Math.Sqrt(sumOfVariances / dimension);
    }
}

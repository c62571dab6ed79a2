using System;

namespace DslNet.Bench.Harness;

/// <summary>Seconds per operation over the timed repetitions, and the managed bytes allocated per operation.</summary>
internal sealed record MeasurementResult(
    double MedianSeconds,
    double MinSeconds,
    double MaxSeconds,
    int Repetitions,
    long OperationsPerRepetition,
    double AllocatedBytesPerOperation)
{
    /// <summary>(max − min) / median, in percent: how far apart the fastest and slowest repetitions were.</summary>
    public double SpreadPercent => MedianSeconds > 0 ? (MaxSeconds - MinSeconds) / MedianSeconds * 100 : 0;

    /// <summary>Operations per second from the median time, and from the slowest and fastest repetitions.</summary>
    public (double Median, double Low, double High) Rate(double unitsPerOperation) =>
        (unitsPerOperation / MedianSeconds, unitsPerOperation / MaxSeconds, unitsPerOperation / MinSeconds);

    /// <summary>Time per operation in <paramref name="scale"/> units (1e6 for µs).</summary>
    public (double Median, double Low, double High) Time(double scale) =>
        (MedianSeconds * scale, MinSeconds * scale, MaxSeconds * scale);

    public override string ToString() =>
        FormattableString.Invariant($"{MedianSeconds * 1e6:F2} µs/op (min {MinSeconds * 1e6:F2}, max {MaxSeconds * 1e6:F2}, {Repetitions}×{OperationsPerRepetition})");
}

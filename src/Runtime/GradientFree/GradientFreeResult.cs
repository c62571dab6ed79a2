using System;

namespace DslNet;

/// <summary>The outcome of <see cref="IGradientFreeOptimizer.Minimize"/>; the best point itself is written into the caller's span.</summary>
/// <param name="BestValue">The lowest objective value seen (+∞ if every value was NaN or +∞).</param>
/// <param name="Evaluations">How many times the objective was called, never more than <see cref="GradientFreeOptions.MaxEvaluations"/>.</param>
/// <param name="Iterations">How many iterations ran (generations, simplex steps, candidate steps), the last one possibly partial.</param>
/// <param name="StopReason">Why the search ended.</param>
/// <param name="Elapsed">The wall-clock time of the search.</param>
public sealed record GradientFreeResult(
    double BestValue,
    int Evaluations,
    int Iterations,
    GradientFreeStopReason StopReason,
    TimeSpan Elapsed);

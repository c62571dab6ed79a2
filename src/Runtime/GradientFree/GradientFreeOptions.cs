using System;

namespace DslNet;

/// <summary>
/// What every gradient-free search shares: evaluation and iteration budgets, stopping criteria, how far from
/// the start the search begins, and the seed. The method's own coefficients live on the optimiser.
/// </summary>
public sealed class GradientFreeOptions
{
    /// <summary>The most objective evaluations the search may make; at least 1. The default is 10,000.</summary>
    public int MaxEvaluations { get; init; } = 10_000;

    /// <summary>The most iterations the search may run; at least 1. The default is unlimited (<see cref="int.MaxValue"/>).</summary>
    public int MaxIterations { get; init; } = int.MaxValue;

    /// <summary>Stop as soon as the best value is at or below this; the default, −∞, never stops.</summary>
    public double TargetValue { get; init; } = double.NegativeInfinity;

    /// <summary>
    /// Stop when the best value has improved by no more than <see cref="StallTolerance"/> over this many
    /// consecutive iterations; at least 1. The default is unlimited (<see cref="int.MaxValue"/>).
    /// </summary>
    public int StallIterations { get; init; } = int.MaxValue;

    /// <summary>The improvement, in objective units, that <see cref="StallIterations"/> does not count as progress; at least 0.</summary>
    public double StallTolerance { get; init; }

    /// <summary>
    /// How far from the start the search begins, in parameter units; positive. It is the standard deviation of
    /// the first steps (hill climbing, simulated annealing), the edge of the first simplex (Nelder–Mead), and
    /// the half-width of the box around the start that the first population is drawn from, uniformly
    /// (particle swarm, genetic algorithm). The default is 1.
    /// </summary>
    public float InitialScale { get; init; } = 1f;

    /// <summary>Seeds every random choice, so a search can be repeated exactly.</summary>
    public int Seed { get; init; }

    /// <summary>Throws if a value is out of range; the optimisers call it before they start.</summary>
    internal void Validate()
    {
        if (MaxEvaluations < 1) throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), MaxEvaluations, "The evaluation budget must be at least 1.");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "The iteration budget must be at least 1.");
        if (double.IsNaN(TargetValue)) throw new ArgumentOutOfRangeException(nameof(TargetValue), TargetValue, "The target value must not be NaN.");
        if (StallIterations < 1) throw new ArgumentOutOfRangeException(nameof(StallIterations), StallIterations, "The stall window must be at least 1 iteration.");
        if (!(StallTolerance >= 0) || double.IsInfinity(StallTolerance)) throw new ArgumentOutOfRangeException(nameof(StallTolerance), StallTolerance, "The stall tolerance must be finite and at least 0.");
        if (!(InitialScale > 0) || !float.IsFinite(InitialScale)) throw new ArgumentOutOfRangeException(nameof(InitialScale), InitialScale, "The initial scale must be positive and finite.");
    }
}

namespace DslNet;

/// <summary>Why an <see cref="LbfgsOptimizer"/> stopped.</summary>
public enum LbfgsStopReason
{
    /// <summary>The largest gradient component fell to <see cref="LbfgsOptimizer.GradientTolerance"/> or below: a minimum.</summary>
    GradientTolerance,

    /// <summary>The last step changed the loss, or moved every parameter, by less than <see cref="LbfgsOptimizer.ChangeTolerance"/>.</summary>
    NoProgress,

    /// <summary>The line search found no point with a sufficient decrease, even along the steepest descent; the parameters are left at the last point.</summary>
    LineSearchFailed,

    /// <summary>The iteration budget of <see cref="LbfgsOptimizer.Minimize"/> ran out.</summary>
    MaxIterations,

    /// <summary>The objective returned a loss or gradient that is NaN or infinite at the current point.</summary>
    NotFinite,
}

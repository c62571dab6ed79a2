namespace DslNet;

/// <summary>The outcome of <see cref="LbfgsOptimizer.Minimize"/>; the point itself is left in the caller's span.</summary>
/// <param name="Loss">The objective at the final point.</param>
/// <param name="GradientNorm">The largest absolute gradient component at the final point (the ∞-norm).</param>
/// <param name="Iterations">The iterations (accepted steps) this call made.</param>
/// <param name="Evaluations">The objective evaluations this call made, line searches included.</param>
/// <param name="StopReason">Why it stopped.</param>
public sealed record LbfgsResult(float Loss, float GradientNorm, int Iterations, int Evaluations, LbfgsStopReason StopReason)
{
    /// <summary>Whether it stopped at a minimum (gradient tolerance) or where no further progress was measurable.</summary>
    public bool Converged => StopReason is LbfgsStopReason.GradientTolerance or LbfgsStopReason.NoProgress;
}

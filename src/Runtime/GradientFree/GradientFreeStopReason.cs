namespace DslNet;

/// <summary>Why a gradient-free search ended.</summary>
public enum GradientFreeStopReason
{
    /// <summary>The objective was evaluated <see cref="GradientFreeOptions.MaxEvaluations"/> times.</summary>
    MaxEvaluations,

    /// <summary><see cref="GradientFreeOptions.MaxIterations"/> iterations ran.</summary>
    MaxIterations,

    /// <summary>The best value reached <see cref="GradientFreeOptions.TargetValue"/>.</summary>
    TargetReached,

    /// <summary>The best value improved by no more than <see cref="GradientFreeOptions.StallTolerance"/> for <see cref="GradientFreeOptions.StallIterations"/> iterations.</summary>
    Stalled,

    /// <summary>The method's own search scale collapsed (a step, a simplex) and it has no restart left.</summary>
    Converged,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,
}

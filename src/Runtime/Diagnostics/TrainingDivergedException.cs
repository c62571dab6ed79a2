using System;

namespace DslNet;

/// <summary>
/// Training met a NaN or infinity in the loss, a gradient or a parameter and stopped. The parameters hold the
/// last values the monitor saw finite (see the message); <see cref="Event"/> says what and where.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="healthEvent"/>, with its message.</summary>
    public TrainingDivergedException(HealthEvent healthEvent)
        : base((healthEvent ?? throw new ArgumentNullException(nameof(healthEvent))).ToString())
    {
        Event = healthEvent;
    }

    /// <summary>The <see cref="HealthIssue.NonFiniteValues"/> flag that stopped training.</summary>
    public HealthEvent Event { get; }
}

using System;

namespace DslNet;

/// <summary>
/// Training stopped: it met a NaN or infinity in the loss, a gradient or a parameter, or a health flag whose action is
/// <see cref="HealthAction.Stop"/> fired (exploding gradients by default). The parameters hold the last good values
/// (the message says which); <see cref="Event"/> says what, when (step, epoch, batch) and where.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="healthEvent"/>, with its message.</summary>
    public TrainingDivergedException(HealthEvent healthEvent)
        : base((healthEvent ?? throw new ArgumentNullException(nameof(healthEvent))).ToString())
    {
        Event = healthEvent;
    }

    /// <summary>The flag that stopped training: <see cref="HealthIssue.NonFiniteValues"/>, or a flag whose action is <see cref="HealthAction.Stop"/>.</summary>
    public HealthEvent Event { get; }

    /// <summary>
    /// The tensor that went non-finite, when the <see cref="Trainer"/> knows it: a layout entry (<c>dense2.weight</c>) whose
    /// parameter or gradient it was, or <c>loss</c>; null otherwise.
    /// </summary>
    public string? Tensor { get; init; }
}

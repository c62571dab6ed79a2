using System;

namespace DslNet;

/// <summary>
/// Cosine annealing, PyTorch's <c>CosineAnnealingLR</c> in closed form: over <see cref="Period"/> steps the
/// rate falls from the initial rate to the minimum along half a cosine,
/// <c>lr(t) = min + (initial − min)·(1 + cos(π·t / period)) / 2</c>, computed in double and rounded once.
/// Unlike PyTorch's closed form, which rises again after the period, the rate then stays at the minimum.
/// </summary>
public sealed class CosineAnnealingSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite and at least 0.</param>
    /// <param name="period">The step at which the rate reaches the minimum (PyTorch's <c>T_max</c>); at least 1.</param>
    /// <param name="minimumLearningRate">The rate at and after <paramref name="period"/> (PyTorch's <c>eta_min</c>); finite and at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineAnnealingSchedule(float initialLearningRate, int period, float minimumLearningRate = 0f)
    {
        InitialLearningRate = ScheduleArguments.CheckRate(initialLearningRate, nameof(initialLearningRate), nameof(CosineAnnealingSchedule));
        Period = ScheduleArguments.CheckLength(period, nameof(period), nameof(CosineAnnealingSchedule));
        MinimumLearningRate = ScheduleArguments.CheckRate(minimumLearningRate, nameof(minimumLearningRate), nameof(CosineAnnealingSchedule));
    }

    /// <summary>The rate at step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>The step at which the rate reaches <see cref="MinimumLearningRate"/>.</summary>
    public int Period { get; }

    /// <summary>The rate at and after <see cref="Period"/>.</summary>
    public float MinimumLearningRate { get; }

    /// <inheritdoc />
    public float LearningRate(int step)
    {
        ScheduleArguments.CheckStep(step, nameof(CosineAnnealingSchedule));
        if (step >= Period) return MinimumLearningRate;
        double cosine = Math.Cos(Math.PI * step / Period);
        return (float)(MinimumLearningRate + ((double)InitialLearningRate - MinimumLearningRate) * (1 + cosine) / 2);
    }
}

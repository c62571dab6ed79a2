using System;

namespace DslNet;

/// <summary>
/// A linear warm-up in front of another schedule: for the first <see cref="WarmupSteps"/> steps the rate
/// rises linearly towards the wrapped schedule's first rate, <c>lr(t) = after(0)·(s + (1 − s)·t / W)</c>
/// with start factor s; from step W on it is <c>after(t − W)</c>, so the wrapped schedule starts where the
/// warm-up ends (a cosine of period P after a warm-up of W spans W + P steps). The default start factor
/// 1/(W + 1) makes the factors 1/(W + 1), 2/(W + 1), …, W/(W + 1), then 1: even steps and no zero rate.
/// </summary>
public sealed class LinearWarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="after">The schedule the warm-up leads into.</param>
    /// <param name="warmupSteps">The steps W of the warm-up; at least 1.</param>
    /// <param name="startFactor">The fraction s of <c>after(0)</c> used at step 0, in [0, 1]; null for 1/(W + 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public LinearWarmupSchedule(ILearningRateSchedule after, int warmupSteps, float? startFactor = null)
    {
        ArgumentNullException.ThrowIfNull(after);
        After = after;
        WarmupSteps = ScheduleArguments.CheckLength(warmupSteps, nameof(warmupSteps), nameof(LinearWarmupSchedule));
        double factor = startFactor ?? 1.0 / (warmupSteps + 1);
        if (!(factor >= 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, $"{nameof(LinearWarmupSchedule)}: the start factor must be in [0, 1].");
        }
        StartFactor = factor;
    }

    /// <summary>The schedule after the warm-up.</summary>
    public ILearningRateSchedule After { get; }

    /// <summary>The steps of the warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>The fraction of the target rate used at step 0.</summary>
    public double StartFactor { get; }

    /// <inheritdoc />
    public float LearningRate(int step)
    {
        ScheduleArguments.CheckStep(step, nameof(LinearWarmupSchedule));
        if (step >= WarmupSteps) return After.LearningRate(step - WarmupSteps);
        double factor = StartFactor + (1 - StartFactor) * step / WarmupSteps;
        return (float)(After.LearningRate(0) * factor);
    }
}

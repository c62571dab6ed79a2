using System;

namespace DslNet;

/// <summary>
/// Step decay, PyTorch's <c>StepLR</c>: the rate is multiplied by γ every <see cref="StepSize"/> steps,
/// <c>lr(t) = initial·γ^⌊t / stepSize⌋</c> (computed in double, then rounded once to float).
/// </summary>
public sealed class StepDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate of the first <paramref name="stepSize"/> steps; finite and at least 0.</param>
    /// <param name="stepSize">Steps between decays; at least 1.</param>
    /// <param name="gamma">The factor applied at each decay; positive and finite (PyTorch's default is 0.1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StepDecaySchedule(float initialLearningRate, int stepSize, float gamma = 0.1f)
    {
        InitialLearningRate = ScheduleArguments.CheckRate(initialLearningRate, nameof(initialLearningRate), nameof(StepDecaySchedule));
        StepSize = ScheduleArguments.CheckLength(stepSize, nameof(stepSize), nameof(StepDecaySchedule));
        if (!(gamma > 0) || !float.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"{nameof(StepDecaySchedule)}: gamma must be positive and finite.");
        }
        Gamma = gamma;
    }

    /// <summary>The rate before the first decay.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public float LearningRate(int step)
    {
        ScheduleArguments.CheckStep(step, nameof(StepDecaySchedule));
        return (float)(InitialLearningRate * Math.Pow(Gamma, step / StepSize));
    }
}

using System;

namespace DslNet;

/// <summary>
/// Wraps an optimiser so that every update uses the schedule's rate for the number of updates taken so far:
/// step t sets the wrapped optimiser's learning rate to <c>schedule.LearningRate(t)</c>, then steps it. Hand it
/// to a <see cref="Trainer"/> in place of the optimiser to schedule per mini-batch. Its state, for
/// checkpoints, is the step count with the wrapped optimiser's state nested inside, so a resumed run
/// continues the schedule where it stopped.
/// </summary>
public sealed class ScheduledOptimizer : IOptimizer
{
    /// <summary>Wraps <paramref name="optimizer"/>; the schedule owns its learning rate from now on.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ScheduledOptimizer(IOptimizer optimizer, ILearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(schedule);
        Optimizer = optimizer;
        Schedule = schedule;
    }

    /// <summary>The wrapped optimiser.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The schedule.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>The updates taken so far; the next one uses <c>Schedule.LearningRate(StepCount)</c>.</summary>
    public int StepCount { get; private set; }

    /// <summary>The rate the next update will use. Setting it is not allowed: the schedule decides.</summary>
    /// <exception cref="InvalidOperationException">On set.</exception>
    public float LearningRate
    {
        get => Schedule.LearningRate(StepCount);
        set => throw new InvalidOperationException(
            $"{nameof(ScheduledOptimizer)}: the learning rate comes from its {Schedule.GetType().Name}; change the schedule instead of setting it.");
    }

    /// <inheritdoc />
    public void Bind(ParameterLayout layout) => Optimizer.Bind(layout);

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        Optimizer.LearningRate = Schedule.LearningRate(StepCount);
        Optimizer.Step(parameters, gradients);
        StepCount++;
    }

    /// <inheritdoc />
    public OptimizerState ExportState() =>
        new OptimizerState(nameof(ScheduledOptimizer), Optimizer.ExportState()).AddScalar("step", StepCount);

    /// <inheritdoc />
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(nameof(ScheduledOptimizer));
        int step = (int)state.GetCount("step", int.MaxValue);
        var inner = state.Inner ?? throw new System.IO.InvalidDataException(
            $"The {nameof(ScheduledOptimizer)} state has no nested state for its wrapped optimiser.");
        // The wrapped optimiser checks everything before it changes; only then does the step count move.
        Optimizer.ImportState(inner);
        StepCount = step;
    }
}

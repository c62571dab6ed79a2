using System;

namespace DslNet;

/// <summary>Applying a schedule by hand, for schedules counted in epochs or loops outside <see cref="ScheduledOptimizer"/>.</summary>
public static class LearningRateScheduleExtensions
{
    /// <summary>
    /// Sets <paramref name="optimizer"/>'s learning rate to the schedule's rate at <paramref name="step"/> (an
    /// update or an epoch index, counted from 0, whichever the schedule is meant in) and returns it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public static float ApplyTo(this ILearningRateSchedule schedule, IOptimizer optimizer, int step)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(optimizer);
        float learningRate = schedule.LearningRate(step);
        optimizer.LearningRate = learningRate;
        return learningRate;
    }
}

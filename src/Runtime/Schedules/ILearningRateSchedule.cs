namespace DslNet;

/// <summary>
/// A learning rate as a function of the step: the number of optimiser updates already taken, counted from
/// 0. Applied per update by <see cref="ScheduledOptimizer"/>; to schedule by epoch instead, pass the epoch
/// index (counted from 0) to <see cref="LearningRateScheduleExtensions.ApplyTo"/> at the start of each epoch,
/// and every length below is then in epochs. Schedules are pure: the same step gives the same rate.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="step"/>; finite and at least 0.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    float LearningRate(int step);
}

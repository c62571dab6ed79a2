namespace DslNet;

/// <summary>The same learning rate at every step; with <see cref="LinearWarmupSchedule"/>, a warm-up to a constant rate.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="learningRate">The rate, finite and at least 0.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative or not finite.</exception>
    public ConstantSchedule(float learningRate)
    {
        Rate = ScheduleArguments.CheckRate(learningRate, nameof(learningRate), nameof(ConstantSchedule));
    }

    /// <summary>The rate.</summary>
    public float Rate { get; }

    /// <inheritdoc />
    public float LearningRate(int step)
    {
        ScheduleArguments.CheckStep(step, nameof(ConstantSchedule));
        return Rate;
    }
}

using System;

namespace DslNet;

/// <summary>The argument checks shared by the learning-rate schedules.</summary>
internal static class ScheduleArguments
{
    public static float CheckRate(float value, string name, string schedule)
    {
        if (!(value >= 0) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{schedule}: {name} must be finite and at least 0.");
        }
        return value;
    }

    public static int CheckLength(int value, string name, string schedule)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{schedule}: {name} must be at least 1.");
        }
        return value;
    }

    public static void CheckStep(int step, string schedule)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{schedule}: the step must be at least 0.");
        }
    }
}

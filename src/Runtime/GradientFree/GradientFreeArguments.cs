using System;

namespace DslNet;

/// <summary>The range checks shared by the gradient-free optimisers' coefficients.</summary>
internal static class GradientFreeArguments
{
    public static double Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0.");
        return value;
    }

    /// <summary>Checks <paramref name="value"/> lies strictly between 0 and 1.</summary>
    public static double OpenUnit(double value, string name)
    {
        if (!(value > 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie strictly between 0 and 1.");
        return value;
    }

    /// <summary>Checks <paramref name="value"/> lies in [0, 1].</summary>
    public static double Probability(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1].");
        return value;
    }

    public static int AtLeast(int value, int minimum, string name)
    {
        if (value < minimum) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
        return value;
    }
}

using System;

namespace DslNet.EndToEnd.Tests;

/// <summary>Central finite differences of a scalar function of a float vector, for the gradient checks.</summary>
internal static class FiniteDifference
{
    /// <summary>
    /// (f(v + h) − f(v − h)) / 2h for one value. Near a kink (ReLU at 0, a max-pool window changing its
    /// maximum) there is no derivative to check: the estimates at h and h/4 then disagree, which flags it.
    /// </summary>
    public static (double Numeric, bool Kink) Central(Func<double> f, Span<float> values, int index)
    {
        double wide = Estimate(f, values, index, 1e-2f), narrow = Estimate(f, values, index, 2.5e-3f);
        return (wide, Math.Abs(wide - narrow) > 5e-3 * Math.Max(1, Math.Abs(wide)));
    }

    private static double Estimate(Func<double> f, Span<float> values, int index, float h)
    {
        float saved = values[index];
        values[index] = saved + h;
        double plus = f();
        values[index] = saved - h;
        double minus = f();
        values[index] = saved;
        return (plus - minus) / (2 * h);
    }
}

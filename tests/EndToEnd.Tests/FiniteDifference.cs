using System;
using System.Linq;
using Xunit;

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

    /// <summary>
    /// Checks <paramref name="analytic"/> dL/dθ against central differences of <paramref name="loss"/> for every parameter,
    /// or <paramref name="checks"/> drawn at random when there are more; at most a tenth may sit on a kink.
    /// </summary>
    public static void CheckParameterGradients(INetwork network, Func<double> loss, float[] analytic, int checks, int seed, string what) =>
        CheckGradients(network.Parameters, loss, analytic, checks, seed, p => Describe(network, p), what);

    /// <summary>
    /// Checks <paramref name="analytic"/> dL/dv against central differences of <paramref name="loss"/> for every value of
    /// <paramref name="values"/> (which the loss reads), or <paramref name="checks"/> drawn at random when there are more;
    /// at most a tenth may sit on a kink.
    /// </summary>
    public static void CheckGradients(Span<float> values, Func<double> loss, float[] analytic, int checks, int seed, Func<int, string> describe, string what)
    {
        var random = new FastRandom(seed);
        checks = Math.Min(values.Length, checks);
        int kinks = 0;
        for (int c = 0; c < checks; c++)
        {
            int i = checks == values.Length ? c : random.NextInt(values.Length);
            var (numeric, kink) = Central(loss, values, i);
            if (kink)
            {
                kinks++;
                continue;
            }
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)),
                $"{what}: d/d {describe(i)} analytic {analytic[i]}, finite difference {numeric}");
        }
        Assert.True(kinks <= checks / 10, $"{what}: {kinks} of {checks} checks sat on a kink");
    }

    /// <summary><c>dense1.weight[12]</c>: the layer, slice and index of parameter <paramref name="p"/>.</summary>
    public static string Describe(INetwork network, int p)
    {
        var slice = network.Layout.Single(s => p >= s.Offset && p < s.Offset + s.Length);
        return $"{slice.Layer}.{slice.Name}[{p - slice.Offset}]";
    }
}

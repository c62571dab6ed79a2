using System;

namespace DslNet.Tests;

/// <summary>The standard test functions, evaluated in double precision.</summary>
public static class GradientFreeFunctions
{
    /// <summary>Rosenbrock's valley: Σ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i], b = x[i + 1];
            sum += 100 * (b - a * a) * (b - a * a) + (1 - a) * (1 - a);
        }
        return sum;
    }

    /// <summary>Rastrigin's function: 10·n + Σ xᵢ² − 10·cos(2π·xᵢ), minimum 0 at the origin, a local minimum near every integer point.</summary>
    public static double Rastrigin(ReadOnlySpan<float> x)
    {
        double sum = 10.0 * x.Length;
        foreach (float v in x) sum += (double)v * v - 10 * Math.Cos(2 * Math.PI * v);
        return sum;
    }

    /// <summary>Σ (xᵢ − i)², minimum 0 at (0, 1, 2, …): a bowl whose minimum is not at the origin.</summary>
    public static double ShiftedSphere(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += ((double)x[i] - i) * (x[i] - i);
        return sum;
    }
}

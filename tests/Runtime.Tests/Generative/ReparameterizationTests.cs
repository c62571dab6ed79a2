using System;
using Xunit;

namespace DslNet.Tests;

/// <summary>z = μ + exp(½ log σ²)·ε: its values, its seeded noise, and its backward against central finite differences.</summary>
public sealed class ReparameterizationTests
{
    [Fact]
    public void Sample_is_the_mean_plus_the_standard_deviation_times_the_noise()
    {
        float[] mean = [0.5f, -1f, 2f], logVariance = [0f, MathF.Log(4f), MathF.Log(0.25f)], noise = [1f, -0.5f, 2f];
        var z = new float[3];

        Reparameterization.Sample(mean, logVariance, noise, z);

        Assert.Equal(1.5f, z[0], 5);   // σ = 1
        Assert.Equal(-2f, z[1], 5);    // σ = 2
        Assert.Equal(3f, z[2], 5);     // σ = ½
    }

    [Fact]
    public void Noise_is_standard_normal_and_repeats_with_the_seed()
    {
        var first = new float[20_000];
        var second = new float[20_000];
        Reparameterization.DrawNoise(new FastRandom(7), first);
        Reparameterization.DrawNoise(new FastRandom(7), second);

        Assert.Equal(first, second);
        double mean = 0, square = 0;
        foreach (float value in first) { mean += value; square += (double)value * value; }
        mean /= first.Length;
        double variance = square / first.Length - mean * mean;
        // 20,000 draws: the standard error of the mean is 0.007, of the variance 0.01.
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);
    }

    [Fact]
    public void Backward_matches_central_finite_differences_and_adds_to_the_gradients()
    {
        const int length = 12;
        double[] mean = TestData.UniformDouble(length, -2, 2, seed: 1);
        double[] logVariance = TestData.UniformDouble(length, -3, 2, seed: 2);
        double[] noise = TestData.UniformDouble(length, -2, 2, seed: 3);
        double[] weights = TestData.UniformDouble(length, -1, 1, seed: 4);
        // L = Σ w·z + ½ Σ z², so dL/dz = w + z depends on z and the check is not linear.
        double Loss(double[] m, double[] v)
        {
            double sum = 0;
            for (int i = 0; i < length; i++)
            {
                double z = m[i] + Math.Exp(0.5 * v[i]) * noise[i];
                sum += weights[i] * z + 0.5 * z * z;
            }
            return sum;
        }
        float[] z = new float[length];
        Reparameterization.Sample(ToFloat(mean), ToFloat(logVariance), ToFloat(noise), z);
        var zGradient = new float[length];
        for (int i = 0; i < length; i++) zGradient[i] = (float)weights[i] + z[i];
        // Start from a known value to check that the backward adds rather than overwrites.
        var meanGradient = new float[length];
        var logVarianceGradient = new float[length];
        Array.Fill(meanGradient, 0.25f);
        Array.Fill(logVarianceGradient, -0.5f);

        Reparameterization.Backward(zGradient, ToFloat(logVariance), ToFloat(noise), meanGradient, logVarianceGradient);

        const double h = 1e-5;
        for (int i = 0; i < length; i++)
        {
            double dMean = Central(i, mean, m => Loss(m, logVariance), h);
            double dLogVariance = Central(i, logVariance, v => Loss(mean, v), h);
            Assert.Equal(dMean + 0.25, meanGradient[i], Tolerance(dMean));
            Assert.Equal(dLogVariance - 0.5, logVarianceGradient[i], Tolerance(dLogVariance));
        }
    }

    [Fact]
    public void Spans_of_different_lengths_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Reparameterization.Sample(new float[3], new float[3], new float[2], new float[3]));
        Assert.Contains("3, 3, 2 and 3", ex.Message);
    }

    internal static double Central(int index, double[] at, Func<double[], double> function, double h)
    {
        double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
        plus[index] += h;
        minus[index] -= h;
        return (function(plus) - function(minus)) / (2 * h);
    }

    // Float gradients against double differences: relative 1e-4 with an absolute floor.
    internal static double Tolerance(double expected) => 1e-4 * Math.Max(1, Math.Abs(expected));

    internal static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
}

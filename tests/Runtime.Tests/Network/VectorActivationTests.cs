using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// <see cref="VectorActivation"/> against double-precision σ and tanh, for each width: the vector overloads run on any
/// machine (unaccelerated widths in software), so the Vector512 code is checked here even where the generated code
/// never takes that path.
/// </summary>
public sealed class VectorActivationTests
{
    private const int MaxUlp = 4;

    /// <summary>Every decade from 1e−12 to 100 of both signs, densely, plus values across the series/formula seam at ¼.</summary>
    private static IEnumerable<float> Inputs()
    {
        var random = new Random(17);
        for (int i = 0; i < 200_000; i++)
        {
            float magnitude = (float)Math.Pow(10, random.NextDouble() * 14 - 12);
            yield return random.Next(2) == 0 ? magnitude : -magnitude;
        }
        for (int i = -1000; i <= 1000; i++) yield return 0.25f + i * 1e-5f;
    }

    [Fact]
    public void EveryWidthIsWithinAFewUlpOfDoublePrecision()
    {
        foreach (float x in Inputs())
        {
            double sigmoid = 1 / (1 + Math.Exp(-(double)x)), tanh = Math.Tanh(x);
            foreach (var (name, s, t) in Widths(x))
            {
                // Below the normal floats the vectors' σ saturates at about 4e−39 (see VectorActivation): an absolute bound there.
                if (sigmoid < 1.2e-38) Assert.True(s >= 0f && Math.Abs(s - sigmoid) < 1e-38, $"{name} σ({x:R}) = {s:R}");
                else AssertUlp(sigmoid, s, $"{name} σ({x:R})");
                AssertUlp(tanh, t, $"{name} tanh({x:R})");
            }
        }
    }

    [Theory]
    [InlineData(0f, 0.5f, 0f)]
    [InlineData(1e-8f, 0.5f, 1e-8f)]
    [InlineData(-1e-8f, 0.5f, -1e-8f)]
    [InlineData(100f, 1f, 1f)]
    [InlineData(-100f, 0f, -1f)]
    [InlineData(float.PositiveInfinity, 1f, 1f)]
    [InlineData(float.NegativeInfinity, 0f, -1f)]
    public void SaturatesAndKeepsTinyInputs(float x, float sigmoid, float tanh)
    {
        foreach (var (name, s, t) in Widths(x))
        {
            Assert.True(Math.Abs(s - sigmoid) < 1e-38f, $"{name} σ({x:R}) = {s:R}, expected {sigmoid:R}");
            Assert.Equal(tanh, t);
        }
    }

    [Fact]
    public void NaNStaysNaN()
    {
        foreach (var (name, s, t) in Widths(float.NaN))
        {
            Assert.True(float.IsNaN(s) && float.IsNaN(t), $"{name}: σ {s}, tanh {t}");
        }
    }

    private static IEnumerable<(string Name, float Sigmoid, float Tanh)> Widths(float x)
    {
        yield return ("float", VectorActivation.Sigmoid(x), VectorActivation.Tanh(x));
        yield return ("Vector128", VectorActivation.Sigmoid(Vector128.Create(x)).GetElement(3), VectorActivation.Tanh(Vector128.Create(x)).GetElement(3));
        yield return ("Vector256", VectorActivation.Sigmoid(Vector256.Create(x)).GetElement(7), VectorActivation.Tanh(Vector256.Create(x)).GetElement(7));
        yield return ("Vector512", VectorActivation.Sigmoid(Vector512.Create(x)).GetElement(15), VectorActivation.Tanh(Vector512.Create(x)).GetElement(15));
    }

    private static void AssertUlp(double expected, float actual, string what)
    {
        float rounded = (float)expected;
        long ulp = Math.Abs((long)BitConverter.SingleToInt32Bits(rounded) - BitConverter.SingleToInt32Bits(actual));
        Assert.True(ulp <= MaxUlp || rounded == actual, $"{what} = {actual:R}, expected {rounded:R} ({ulp} ulp)");
    }
}

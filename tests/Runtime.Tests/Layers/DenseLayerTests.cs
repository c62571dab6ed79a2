using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's Dense layer, generic over its shape struct, against a written-out reference in double precision:
/// forward with each activation, the parameter gradients (rows past a cache slice and a panel slice) and the input
/// gradient, for small layers read in place and large ones multiplied from panels, at parameter offsets and on
/// buffers longer than the rows used.
/// </summary>
public sealed class DenseLayerTests
{
    private struct Linear3x5 : IDenseShape { public static int Inputs => 3; public static int Units => 5; }
    private struct ReLU17x33 : IDenseShape { public static int Inputs => 17; public static int Units => 33; public static Activation Activation => Activation.ReLU; }
    private struct Sigmoid8x7 : IDenseShape { public static int Inputs => 8; public static int Units => 7; public static Activation Activation => Activation.Sigmoid; }
    private struct Tanh40x24 : IDenseShape { public static int Inputs => 40; public static int Units => 24; public static Activation Activation => Activation.Tanh; }
    private struct Softmax64x10 : IDenseShape { public static int Inputs => 64; public static int Units => 10; public static Activation Activation => Activation.Softmax; }
    // 400 × 300 floats: above half an L2, so the forward and input gradient run in cache slices.
    private struct Linear400x300 : IDenseShape { public static int Inputs => 400; public static int Units => 300; }
    // 520 × 520 floats (over 1 MiB): multiplied from panels.
    private struct ReLU520x520 : IDenseShape { public static int Inputs => 520; public static int Units => 520; public static Activation Activation => Activation.ReLU; }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(300)]
    public void Every_pass_matches_the_reference_on_small_layers(int rows)
    {
        Check<Linear3x5>(rows);
        Check<ReLU17x33>(rows);
        Check<Sigmoid8x7>(rows);
        Check<Tanh40x24>(rows);
        Check<Softmax64x10>(rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(260)]
    public void Every_pass_matches_the_reference_on_large_layers(int rows)
    {
        Check<Linear400x300>(rows);
        Check<ReLU520x520>(rows);
    }

    [Fact]
    public void Bad_buffers_are_refused_with_what_they_hold_and_need()
    {
        var parameters = new float[3 * 5 + 5];
        var error = Assert.Throws<ArgumentException>(() => DenseLayer.Forward<Linear3x5>(parameters, 0, 15, new float[5], new float[10], 2));
        Assert.Contains("input holds 5 floats; 2 rows of 3 need 6", error.Message);
        Assert.Throws<ArgumentException>(() => DenseLayer.Forward<Linear3x5>(parameters, 0, 15, new float[6], new float[9], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.Forward<Linear3x5>(parameters, 0, 16, new float[6], new float[10], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.ParameterGradients<Linear3x5>(parameters, 6, 15, new float[6], new float[10], 2));
        Assert.Throws<ArgumentException>(() => DenseLayer.InputGradient<Linear3x5>(parameters, 0, new float[14], new float[10], new float[6], 2));
        Assert.Throws<ArgumentException>(() => DenseLayer.ParameterGradients<ReLU520x520>(new float[520 * 521], 0, 520 * 520, new float[520], new float[520], 1));
        Assert.Throws<ArgumentException>(() => DenseLayer.Forward<ReLU520x520>(new float[520 * 521], 0, 520 * 520, new float[520], new float[520], 1, weightPanels: new float[10]));
    }

    private static void Check<TShape>(int rows) where TShape : struct, IDenseShape
    {
        int n = TShape.Inputs, m = TShape.Units;
        const int weightOffset = 7, spare = 3;
        int biasOffset = weightOffset + n * m;
        var random = new Random(n * 1000 + m + rows);
        float[] Draw(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        var parameters = Draw(biasOffset + m + spare, 0.3f);
        var input = Draw(rows * n + spare, 1f);
        var delta = Draw(rows * m + spare, 1f);
        bool panels = (long)n * m * sizeof(float) >= 1024 * 1024;

        // Forward.
        var output = Enumerable.Repeat(float.NaN, rows * m + spare).ToArray();
        DenseLayer.Forward<TShape>(parameters, weightOffset, biasOffset, input, output, rows, panels ? new float[n * m] : null);
        for (int r = 0; r < rows; r++)
        {
            var z = new double[m];
            for (int j = 0; j < m; j++)
            {
                z[j] = parameters[biasOffset + j];
                for (int k = 0; k < n; k++) z[j] += (double)input[r * n + k] * parameters[weightOffset + k * m + j];
            }
            var expected = Activate(z, TShape.Activation);
            for (int j = 0; j < m; j++) AssertClose(expected[j], output[r * m + j], n);
        }
        Assert.All(output.Skip(rows * m), value => Assert.True(float.IsNaN(value)));

        // Parameter gradients, added to what is there.
        var gradients = Draw(parameters.Length, 0.1f);
        var before = (float[])gradients.Clone();
        DenseLayer.ParameterGradients<TShape>(gradients, weightOffset, biasOffset, input, delta, rows,
            panels ? new float[256 * m] : null, panels ? new float[n * 256] : null);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = before[weightOffset + i * m + j];
                for (int r = 0; r < rows; r++) sum += (double)input[r * n + i] * delta[r * m + j];
                AssertClose(sum, gradients[weightOffset + i * m + j], rows);
            }
        for (int j = 0; j < m; j++)
        {
            double sum = before[biasOffset + j];
            for (int r = 0; r < rows; r++) sum += delta[r * m + j];
            AssertClose(sum, gradients[biasOffset + j], rows);
        }
        for (int i = 0; i < weightOffset; i++) Assert.Equal(before[i], gradients[i]);

        // Input gradient.
        var inputGradient = Enumerable.Repeat(float.NaN, rows * n + spare).ToArray();
        DenseLayer.InputGradient<TShape>(parameters, weightOffset, new float[n * m], delta, inputGradient, rows);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < m; j++) sum += (double)delta[r * m + j] * parameters[weightOffset + i * m + j];
                AssertClose(sum, inputGradient[r * n + i], m);
            }
        Assert.All(inputGradient.Skip(rows * n), value => Assert.True(float.IsNaN(value)));
    }

    private static double[] Activate(double[] z, Activation activation)
    {
        switch (activation)
        {
            case Activation.ReLU: return z.Select(v => Math.Max(v, 0)).ToArray();
            case Activation.Sigmoid: return z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case Activation.Tanh: return z.Select(Math.Tanh).ToArray();
            case Activation.Softmax:
                double max = z.Max();
                var e = z.Select(v => Math.Exp(v - max)).ToArray();
                double total = e.Sum();
                return e.Select(v => v / total).ToArray();
            default: return z;
        }
    }

    // A float sum of `terms` products of values up to 1 is off by about terms · 2⁻²⁴ at worst.
    private static void AssertClose(double expected, float actual, int terms) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 + 2e-6 * Math.Max(terms, 1) * Math.Max(1, Math.Abs(expected)),
            $"expected {expected}, got {actual}");
}

using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// <see cref="DenseLayer.FoldedForward{TShape}"/>, a Dense layer and the BatchNorm after it in one inference pass, against
/// the two layers written out in double precision (x·W + b, then γ·(z − running mean)/√(running variance + ε) + β, then
/// the activation): every activation, small layers read in place and a large one multiplied from panels, on every
/// kernel path, with the layer's and the BatchNorm's slices at offsets in a longer parameter vector, buffers longer than
/// the rows used and nothing written past them.
/// </summary>
public sealed class DenseFoldedForwardTests
{
    private struct Linear3x5 : IDenseShape { public static int Inputs => 3; public static int Units => 5; }
    private struct ReLU17x33 : IDenseShape { public static int Inputs => 17; public static int Units => 33; public static Activation Activation => Activation.ReLU; }
    private struct Sigmoid8x7 : IDenseShape { public static int Inputs => 8; public static int Units => 7; public static Activation Activation => Activation.Sigmoid; }
    private struct Tanh40x24 : IDenseShape { public static int Inputs => 40; public static int Units => 24; public static Activation Activation => Activation.Tanh; }
    private struct Softmax64x10 : IDenseShape { public static int Inputs => 64; public static int Units => 10; public static Activation Activation => Activation.Softmax; }
    // 400 × 300 floats: above half an L2, so the product runs in cache slices.
    private struct Linear400x300 : IDenseShape { public static int Inputs => 400; public static int Units => 300; }
    // 520 × 520 floats (over 1 MiB): multiplied from panels.
    private struct ReLU520x520 : IDenseShape { public static int Inputs => 520; public static int Units => 520; public static Activation Activation => Activation.ReLU; }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(40)]
    public void Matches_the_two_layers_on_small_layers(int rows)
    {
        Check<Linear3x5, WidestPath>(rows);
        Check<ReLU17x33, WidestPath>(rows);
        Check<Sigmoid8x7, WidestPath>(rows);
        Check<Tanh40x24, WidestPath>(rows);
        Check<Softmax64x10, WidestPath>(rows);
        Check<Linear400x300, WidestPath>(rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    public void Matches_the_two_layers_on_every_path(int rows)
    {
        Check<ReLU17x33, Vector512Path>(rows);
        Check<ReLU17x33, Vector256Path>(rows);
        Check<ReLU17x33, Vector128Path>(rows);
        Check<ReLU17x33, ScalarPath>(rows);
        Check<ReLU520x520, WidestPath>(rows);
        Check<ReLU520x520, Vector256Path>(rows);
        Check<ReLU520x520, Vector128Path>(rows);
        Check<ReLU520x520, ScalarPath>(rows);
    }

    [Fact]
    public void Bad_buffers_and_offsets_are_refused_with_what_was_wrong()
    {
        // W 3 × 5 at 0, b at 15, γ at 20, β at 25, running mean at 30, running variance at 35: 40 parameters.
        var parameters = new float[40];
        var fold = new float[10];
        var error = Assert.Throws<ArgumentException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 25, 30, 35, new float[5], new float[10], 2, 1e-5f, fold));
        Assert.Contains("input holds 5 floats; 2 rows of 3 need 6", error.Message);
        Assert.Throws<ArgumentException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 25, 30, 35, new float[6], new float[9], 2, 1e-5f, fold));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 26, 15, 20, 25, 30, 35, new float[6], new float[10], 2, 1e-5f, fold));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 36, 20, 25, 30, 35, new float[6], new float[10], 2, 1e-5f, fold));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, -1, 25, 30, 35, new float[6], new float[10], 2, 1e-5f, fold));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 36, 30, 35, new float[6], new float[10], 2, 1e-5f, fold));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 25, 36, 35, new float[6], new float[10], 2, 1e-5f, fold));
        var offset = Assert.Throws<ArgumentOutOfRangeException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 25, 30, 36, new float[6], new float[10], 2, 1e-5f, fold));
        Assert.Contains("runningVarianceOffset", offset.Message);
        error = Assert.Throws<ArgumentException>(() => DenseLayer.FoldedForward<Linear3x5>(parameters, 0, 15, 20, 25, 30, 35, new float[6], new float[10], 2, 1e-5f, new float[9]));
        Assert.Contains("fold must hold at least 10 floats; it holds 9", error.Message);
        var large = new float[520 * 520 + 5 * 520];
        Assert.Throws<ArgumentException>(() => DenseLayer.FoldedForward<ReLU520x520>(large, 0, 520 * 520, 520 * 521, 520 * 522, 520 * 523, 520 * 524, new float[520], new float[520], 1, 1e-5f, new float[1040], weightPanels: new float[10]));
    }

    private static void Check<TShape, TPath>(int rows)
        where TShape : struct, IDenseShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, m = TShape.Units;
        const int weightOffset = 7, spare = 3;
        const float epsilon = 1e-3f;
        int biasOffset = weightOffset + n * m, gainOffset = biasOffset + m + 2, normBiasOffset = gainOffset + m;
        int meanOffset = normBiasOffset + m + 1, varianceOffset = meanOffset + m;
        var random = new Random(n * 1000 + m + rows);
        float[] Draw(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        var parameters = Draw(varianceOffset + m + spare, 0.3f);
        // Gains of both signs, variances away from zero.
        for (int j = 0; j < m; j++)
        {
            parameters[gainOffset + j] = (float)((random.NextDouble() < 0.3 ? -1 : 1) * (0.5 + random.NextDouble()));
            parameters[varianceOffset + j] = (float)(0.2 + 2 * random.NextDouble());
        }
        var before = (float[])parameters.Clone();
        var input = Draw(rows * n + spare, 1f);
        bool panels = (long)n * m * sizeof(float) >= 1024 * 1024;
        var fold = new float[2 * m + spare];

        var output = Enumerable.Repeat(float.NaN, rows * m + spare).ToArray();
        DenseLayer.FoldedForward<TShape, TPath>(parameters, weightOffset, biasOffset, gainOffset, normBiasOffset, meanOffset, varianceOffset,
            input, output, rows, epsilon, fold, panels ? new float[n * m] : null);

        for (int r = 0; r < rows; r++)
        {
            var z = new double[m];
            for (int j = 0; j < m; j++)
            {
                double sum = parameters[biasOffset + j];
                for (int k = 0; k < n; k++) sum += (double)input[r * n + k] * parameters[weightOffset + k * m + j];
                z[j] = parameters[gainOffset + j] * (sum - parameters[meanOffset + j]) / Math.Sqrt(parameters[varianceOffset + j] + (double)epsilon)
                    + parameters[normBiasOffset + j];
            }
            var expected = Activate(z, TShape.Activation);
            for (int j = 0; j < m; j++)
            {
                Assert.True(Math.Abs(expected[j] - output[r * m + j]) <= 1e-5 + 4e-6 * n * Math.Max(1, Math.Abs(expected[j])),
                    $"{typeof(TShape).Name} on {typeof(TPath).Name}, {rows} rows, output[{r}, {j}]: expected {expected[j]}, got {output[r * m + j]}");
            }
        }
        Assert.All(output.Skip(rows * m), value => Assert.True(float.IsNaN(value)));
        Assert.Equal(before, parameters);
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
}

using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's layer normalisation, generic over its shape struct, against a written-out reference in double
/// precision: forward, the gain and bias gradients (added to what is there) and the input gradient, for widths that
/// are and are not multiples of a vector, at parameter offsets and on buffers longer than the rows used.
/// </summary>
public sealed class LayerNormLayerTests
{
    private struct Features1 : ILayerNormShape { public static int Features => 1; }
    private struct Features3 : ILayerNormShape { public static int Features => 3; }
    private struct Features8 : ILayerNormShape { public static int Features => 8; }
    private struct Features17 : ILayerNormShape { public static int Features => 17; }
    private struct Features64 : ILayerNormShape { public static int Features => 64; }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(33)]
    public void Every_pass_matches_the_reference(int rows)
    {
        Check<Features1>(rows);
        Check<Features3>(rows);
        Check<Features8>(rows);
        Check<Features17>(rows);
        Check<Features64>(rows);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_they_hold_and_need()
    {
        var parameters = new float[16];
        var buffers = new LayerNormBuffers(8);
        buffers.EnsureCapacity(3);
        var error = Assert.Throws<ArgumentException>(() => LayerNormLayer.Forward<Features8>(parameters, 0, 8, new float[23], new float[24], 3, buffers));
        Assert.Contains("input holds 23 floats; 3 rows of 8 need 24", error.Message);
        error = Assert.Throws<ArgumentException>(() => LayerNormLayer.Forward<Features8>(parameters, 0, 8, new float[32], new float[32], 4, buffers));
        Assert.Contains("buffers hold 3 rows; 4 rows need EnsureCapacity first", error.Message);
        error = Assert.Throws<ArgumentException>(() => LayerNormLayer.Forward<Features3>(parameters, 0, 8, new float[9], new float[9], 3, buffers));
        Assert.Contains("buffers are for rows of 8 floats; this layer's rows hold 3", error.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormLayer.Forward<Features8>(parameters, 0, 9, new float[24], new float[24], 3, buffers));
        Assert.Contains("8 floats from 9 do not fit the 16 parameters", range.Message);
        error = Assert.Throws<ArgumentException>(() => LayerNormLayer.ParameterGradients<Features8>(parameters, 0, 8, new float[16], 3, buffers));
        Assert.Contains("delta holds 16 floats; 3 rows of 8 need 24", error.Message);
        error = Assert.Throws<ArgumentException>(() => LayerNormLayer.InputGradient<Features8>(parameters, 0, new float[24], new float[20], 3, buffers));
        Assert.Contains("inputGradient holds 20 floats; 3 rows of 8 need 24", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerNormLayer.InputGradient<Features8>(parameters, -1, new float[24], new float[24], 3, buffers));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerNormBuffers(0));
    }

    private static void Check<TShape>(int rows) where TShape : struct, ILayerNormShape
    {
        int d = TShape.Features;
        const int gainOffset = 4, spare = 3;
        int biasOffset = gainOffset + d;
        var random = new Random(d * 1000 + rows);
        float[] Draw(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
        var parameters = Draw(biasOffset + d + spare, 1f);
        var input = Draw(rows * d + spare, 1f);
        var delta = Draw(rows * d + spare, 1f);
        var buffers = new LayerNormBuffers(d);
        buffers.EnsureCapacity(rows + 2);

        // The reference: x̂ and 1/σ per row in double.
        var normalized = new double[rows * d];
        var inverse = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var x = Enumerable.Range(0, d).Select(j => (double)input[r * d + j]).ToArray();
            double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / d;
            inverse[r] = 1 / Math.Sqrt(variance + 1e-5);
            for (int j = 0; j < d; j++) normalized[r * d + j] = (x[j] - mean) * inverse[r];
        }

        var output = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        LayerNormLayer.Forward<TShape>(parameters, gainOffset, biasOffset, input, output, rows, buffers);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++)
            {
                AssertClose(parameters[gainOffset + j] * normalized[r * d + j] + parameters[biasOffset + j], output[r * d + j], d);
            }
        Assert.All(output.Skip(rows * d), value => Assert.True(float.IsNaN(value)));

        var gradients = Draw(parameters.Length, 0.1f);
        var before = (float[])gradients.Clone();
        LayerNormLayer.ParameterGradients<TShape>(gradients, gainOffset, biasOffset, delta, rows, buffers);
        for (int j = 0; j < d; j++)
        {
            double gain = before[gainOffset + j], bias = before[biasOffset + j];
            for (int r = 0; r < rows; r++)
            {
                gain += delta[r * d + j] * normalized[r * d + j];
                bias += delta[r * d + j];
            }
            AssertClose(gain, gradients[gainOffset + j], rows * d);
            AssertClose(bias, gradients[biasOffset + j], rows);
        }
        for (int i = 0; i < gainOffset; i++) Assert.Equal(before[i], gradients[i]);
        for (int i = biasOffset + d; i < gradients.Length; i++) Assert.Equal(before[i], gradients[i]);

        // dx = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / σ with g = dy ⊙ γ.
        var inputGradient = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        LayerNormLayer.InputGradient<TShape>(parameters, gainOffset, delta, inputGradient, rows, buffers);
        for (int r = 0; r < rows; r++)
        {
            var g = Enumerable.Range(0, d).Select(j => (double)delta[r * d + j] * parameters[gainOffset + j]).ToArray();
            double meanGradient = g.Average(), meanProjection = Enumerable.Range(0, d).Sum(j => g[j] * normalized[r * d + j]) / d;
            for (int j = 0; j < d; j++)
            {
                AssertClose((g[j] - meanGradient - normalized[r * d + j] * meanProjection) * inverse[r], inputGradient[r * d + j], d * 10);
            }
        }
        Assert.All(inputGradient.Skip(rows * d), value => Assert.True(float.IsNaN(value)));
    }

    private static void AssertClose(double expected, float actual, int terms) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 + 2e-6 * Math.Max(terms, 1) * Math.Max(1, Math.Abs(expected)),
            $"expected {expected}, got {actual}");
}

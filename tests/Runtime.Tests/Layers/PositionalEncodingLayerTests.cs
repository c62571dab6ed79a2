using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's positional encoding, generic over its shape struct: the sinusoidal table against the formula in double
/// precision (grown, and reading only the rows asked for), the learned table's forward and gradient at a parameter
/// offset, on buffers longer than the rows used; and the errors for tables too short and steps past MaxLength.
/// </summary>
public sealed class PositionalEncodingLayerTests
{
    private struct Sinusoidal4 : IPositionalEncodingShape { public static int Features => 4; }
    private struct Sinusoidal7 : IPositionalEncodingShape { public static int Features => 7; }
    private struct Learned6 : IPositionalEncodingShape { public static int Features => 6; public static int MaxLength => 9; }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 5)]
    [InlineData(3, 4)]
    public void The_sinusoidal_table_is_added_to_every_sample(int batch, int timeSteps)
    {
        CheckSinusoidal<Sinusoidal4>(batch, timeSteps);
        CheckSinusoidal<Sinusoidal7>(batch, timeSteps);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 9)]
    [InlineData(4, 3)]
    public void The_learned_table_is_added_and_its_gradient_summed_over_the_batch(int batch, int timeSteps)
    {
        int d = Learned6.Features, rows = batch * timeSteps;
        const int offset = 5, spare = 3;
        var random = new Random(rows);
        float[] Draw(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var parameters = Draw(offset + Learned6.MaxLength * d + spare);
        var input = Draw(rows * d + spare);
        var delta = Draw(rows * d + spare);

        var output = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        PositionalEncodingLayer.Forward<Learned6>(parameters, offset, input, output, batch, timeSteps);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < timeSteps; t++)
                for (int j = 0; j < d; j++)
                {
                    int i = (b * timeSteps + t) * d + j;
                    Assert.Equal(input[i] + parameters[offset + t * d + j], output[i]);
                }
        Assert.All(output.Skip(rows * d), value => Assert.True(float.IsNaN(value)));

        var gradients = Draw(parameters.Length);
        var before = (float[])gradients.Clone();
        PositionalEncodingLayer.ParameterGradients<Learned6>(gradients, offset, delta, batch, timeSteps);
        var expected = before.Select(value => (double)value).ToArray();
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < timeSteps * d; i++) expected[offset + i] += delta[b * timeSteps * d + i];
        for (int i = 0; i < gradients.Length; i++) Assert.True(Math.Abs(expected[i] - gradients[i]) <= 1e-5 * batch, $"gradient[{i}]: expected {expected[i]}, got {gradients[i]}");
    }

    [Fact]
    public void Bad_arguments_are_refused_with_what_they_hold_and_need()
    {
        var table = new PositionalEncodingBuffers(4);
        table.EnsureCapacity(3);
        var error = Assert.Throws<ArgumentException>(() => PositionalEncodingLayer.Forward<Sinusoidal4>(table, new float[16], new float[16], 1, 4));
        Assert.Contains("table has rows for 3 time steps; 4 need EnsureCapacity first", error.Message);
        error = Assert.Throws<ArgumentException>(() => PositionalEncodingLayer.Forward<Sinusoidal7>(table, new float[21], new float[21], 1, 3));
        Assert.Contains("table is for steps of 4 floats; this layer's steps hold 7", error.Message);
        error = Assert.Throws<ArgumentException>(() => PositionalEncodingLayer.Forward<Sinusoidal4>(table, new float[24], new float[23], 2, 3));
        Assert.Contains("output holds 23 floats; 6 rows of 4 need 24", error.Message);
        var parameters = new float[60];
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => PositionalEncodingLayer.Forward<Learned6>(parameters, 0, new float[60], new float[60], 1, 10));
        Assert.Contains("10 time steps; the learned table has rows for 0 to 9", range.Message);
        range = Assert.Throws<ArgumentOutOfRangeException>(() => PositionalEncodingLayer.ParameterGradients<Learned6>(parameters, 7, new float[54], 1, 9));
        Assert.Contains("54 floats from 7 do not fit the 60 parameters", range.Message);
        error = Assert.Throws<ArgumentException>(() => PositionalEncodingLayer.ParameterGradients<Learned6>(parameters, 0, new float[53], 1, 9));
        Assert.Contains("delta holds 53 floats; 9 rows of 6 need 54", error.Message);
        error = Assert.Throws<ArgumentException>(() => PositionalEncodingLayer.Forward<Sinusoidal4>(parameters, 0, new float[4], new float[4], 1, 1));
        Assert.Contains("Sinusoidal4 has no learned table", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PositionalEncodingBuffers(0));
    }

    private static void CheckSinusoidal<TShape>(int batch, int timeSteps) where TShape : struct, IPositionalEncodingShape
    {
        int d = TShape.Features, rows = batch * timeSteps;
        const int spare = 3;
        var table = new PositionalEncodingBuffers(d);
        table.EnsureCapacity(2);
        table.EnsureCapacity(timeSteps + 2); // grown again: the rows are recomputed, longer than used
        var random = new Random(rows * 10 + d);
        var input = Enumerable.Range(0, rows * d + spare).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var output = Enumerable.Repeat(float.NaN, rows * d + spare).ToArray();
        PositionalEncodingLayer.Forward<TShape>(table, input, output, batch, timeSteps);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < timeSteps; t++)
                for (int j = 0; j < d; j++)
                {
                    double angle = t / Math.Pow(10000, 2 * (j / 2) / (double)d);
                    double encoding = j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
                    int i = (b * timeSteps + t) * d + j;
                    Assert.True(Math.Abs(input[i] + encoding - output[i]) <= 1e-6, $"step {t}, feature {j}: expected {input[i] + encoding}, got {output[i]}");
                }
        Assert.All(output.Skip(rows * d), value => Assert.True(float.IsNaN(value)));
    }
}

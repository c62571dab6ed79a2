using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>The two loops generated code calls instead of writing them out: the weight transpose and the bias gradient.</summary>
public sealed class GradientCopiesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    [InlineData(16, 16)]
    [InlineData(17, 33)]
    [InlineData(64, 8)]
    [InlineData(784, 128)]
    public void WeightTranspose_copies_W_as_its_transpose_from_an_offset(int rows, int columns)
    {
        const int offset = 5;
        var parameters = Enumerable.Range(0, offset + rows * columns + 3).Select(i => i * 0.5f - 7f).ToArray();
        var transposed = Enumerable.Repeat(float.NaN, rows * columns + 2).ToArray();

        WeightTranspose.Copy(parameters, offset, rows, columns, transposed);

        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                Assert.Equal(parameters[offset + i * columns + j], transposed[j * rows + i]);
        // Nothing past Wᵀ is touched.
        Assert.True(float.IsNaN(transposed[rows * columns]) && float.IsNaN(transposed[rows * columns + 1]));
    }

    [Fact]
    public void WeightTranspose_refuses_a_matrix_past_either_array()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightTranspose.Copy(new float[10], 4, 2, 4, new float[8]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightTranspose.Copy(new float[8], 0, 2, 4, new float[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightTranspose.Copy(new float[8], 0, -2, 4, new float[8]));
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 1)]
    [InlineData(3, 10)]
    [InlineData(64, 17)]
    [InlineData(33, 128)]
    public void BiasGradient_adds_each_row_of_delta_to_the_bias_slice(int rows, int size)
    {
        const int offset = 3;
        var random = new Random(rows * 31 + size);
        var gradients = Enumerable.Range(0, offset + size + 2).Select(_ => (float)random.NextDouble()).ToArray();
        var delta = Enumerable.Range(0, rows * size + 4).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var expected = (float[])gradients.Clone();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < size; j++)
                expected[offset + j] += delta[r * size + j];

        BiasGradient.Accumulate(gradients, offset, size, delta, rows);

        // Row by row, as the loop it replaces: the same float sums, bit for bit.
        Assert.Equal(expected, gradients);
    }

    [Fact]
    public void BiasGradient_refuses_a_delta_shorter_than_its_rows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasGradient.Accumulate(new float[4], 0, 4, new float[7], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasGradient.Accumulate(new float[4], 2, 4, new float[8], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasGradient.Accumulate(new float[4], 0, 4, new float[8], -1));
    }
}

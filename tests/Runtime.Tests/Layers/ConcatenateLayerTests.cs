using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's Concatenate layer against a written-out reference: forward puts each input's rows in its block of the
/// output rows, the input gradient copies (or adds) each block of dL/dy back, for several block layouts and row counts,
/// on buffers longer than the rows used with nothing written past them.
/// </summary>
public sealed class ConcatenateLayerTests
{
    [Theory]
    [InlineData(0, new[] { 2, 3 })]
    [InlineData(1, new[] { 1, 1 })]
    [InlineData(4, new[] { 256, 512 })]
    [InlineData(5, new[] { 3, 7, 2 })]
    [InlineData(9, new[] { 16, 16, 16, 5 })]
    public void Every_pass_matches_the_reference(int rows, int[] sizes)
    {
        const int spare = 3;
        int rowSize = sizes.Sum();
        var offsets = sizes.Select((_, k) => sizes.Take(k).Sum()).ToArray();
        var random = new Random(rows * 100 + rowSize);
        float[] Draw(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        // Forward: every output float comes from exactly one input.
        var inputs = sizes.Select(size => Draw(rows * size + spare)).ToArray();
        var output = Enumerable.Repeat(float.NaN, rows * rowSize + spare).ToArray();
        for (int k = 0; k < sizes.Length; k++) ConcatenateLayer.Forward(inputs[k], output, rows, rowSize, offsets[k], sizes[k]);
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < sizes.Length; k++)
                for (int i = 0; i < sizes[k]; i++) Assert.Equal(inputs[k][r * sizes[k] + i], output[r * rowSize + offsets[k] + i]);
        Assert.All(output.Skip(rows * rowSize), value => Assert.True(float.IsNaN(value)));

        // Input gradient, copied and then added to what another reader wrote.
        var delta = Draw(rows * rowSize + spare);
        for (int k = 0; k < sizes.Length; k++)
        {
            var target = Enumerable.Repeat(float.NaN, rows * sizes[k] + spare).ToArray();
            ConcatenateLayer.InputGradient(delta, target, rows, rowSize, offsets[k], sizes[k], accumulate: false);
            for (int r = 0; r < rows; r++)
                for (int i = 0; i < sizes[k]; i++) Assert.Equal(delta[r * rowSize + offsets[k] + i], target[r * sizes[k] + i]);
            Assert.All(target.Skip(rows * sizes[k]), value => Assert.True(float.IsNaN(value)));

            var share = Draw(rows * sizes[k] + spare);
            var sum = (float[])share.Clone();
            ConcatenateLayer.InputGradient(delta, sum, rows, rowSize, offsets[k], sizes[k], accumulate: true);
            for (int r = 0; r < rows; r++)
                for (int i = 0; i < sizes[k]; i++) Assert.Equal(share[r * sizes[k] + i] + delta[r * rowSize + offsets[k] + i], sum[r * sizes[k] + i]);
            Assert.Equal(share.Skip(rows * sizes[k]), sum.Skip(rows * sizes[k]));
        }
    }

    [Fact]
    public void Bad_buffers_and_blocks_are_refused_with_what_was_wrong()
    {
        var error = Assert.Throws<ArgumentException>(() => ConcatenateLayer.Forward(new float[5], new float[10], 2, 5, 2, 3));
        Assert.Contains("input holds 5 floats; 2 rows of 3 need 6", error.Message);
        error = Assert.Throws<ArgumentException>(() => ConcatenateLayer.Forward(new float[6], new float[9], 2, 5, 2, 3));
        Assert.Contains("output holds 9 floats; 2 rows of 5 need 10", error.Message);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => ConcatenateLayer.Forward(new float[6], new float[10], 2, 5, 3, 3));
        Assert.Contains("A block of 3 floats at 3 must lie inside a concatenated row of 5", outside.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcatenateLayer.Forward(new float[6], new float[10], 2, 5, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcatenateLayer.Forward(new float[6], new float[10], 2, 5, 0, 0));
        error = Assert.Throws<ArgumentException>(() => ConcatenateLayer.InputGradient(new float[9], new float[6], 2, 5, 2, 3, false));
        Assert.Contains("delta holds 9 floats", error.Message);
        error = Assert.Throws<ArgumentException>(() => ConcatenateLayer.InputGradient(new float[10], new float[5], 2, 5, 2, 3, true));
        Assert.Contains("target holds 5 floats", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConcatenateLayer.InputGradient(new float[10], new float[6], 2, 5, 4, 3, false));
    }
}

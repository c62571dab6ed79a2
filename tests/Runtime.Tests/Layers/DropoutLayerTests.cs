using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The runtime's Dropout layer against a written-out reference: in training the mask is the layer's stream drawn float
/// by float in row order (0 below the rate, else 1 / (1 − rate)), so a second stream of the same seed predicts it
/// exactly; in inference a copy that leaves the mask and the stream alone; backward dx = dy ⊙ mask. Several rates, row
/// sizes and row counts, buffers longer than the rows used and nothing written past them.
/// </summary>
public sealed class DropoutLayerTests
{
    [Theory]
    [InlineData(0, 5, 0.5f)]
    [InlineData(1, 1, 0.25f)]
    [InlineData(3, 7, 0f)]
    [InlineData(17, 16, 0.1f)]
    [InlineData(40, 33, 0.9f)]
    public void Every_pass_matches_the_reference(int rows, int rowSize, float rate)
    {
        const int spare = 3;
        int count = rows * rowSize;
        var random = new Random(rows * 100 + rowSize);
        float[] Draw(int length) => Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var input = Draw(count + spare);
        var stream = new FastRandom(rows + 7);
        var expectedStream = new FastRandom(rows + 7);
        var mask = Enumerable.Repeat(float.NaN, count + spare).ToArray();

        // Inference: a copy; neither the mask nor the stream is touched.
        var output = Enumerable.Repeat(float.NaN, count + spare).ToArray();
        DropoutLayer.Forward(input, output, rows, rowSize, rate, training: false, stream, mask);
        Assert.Equal(input.Take(count), output.Take(count));
        Assert.All(output.Skip(count), value => Assert.True(float.IsNaN(value)));
        Assert.All(mask, value => Assert.True(float.IsNaN(value)));

        // Training: the mask the stream draws, applied.
        output = Enumerable.Repeat(float.NaN, count + spare).ToArray();
        DropoutLayer.Forward(input, output, rows, rowSize, rate, training: true, stream, mask);
        float keep = 1f / (1f - rate);
        var expectedMask = Enumerable.Range(0, count).Select(_ => expectedStream.NextFloat() < rate ? 0f : keep).ToArray();
        Assert.Equal(expectedMask, mask.Take(count));
        Assert.All(mask.Skip(count), value => Assert.True(float.IsNaN(value)));
        for (int i = 0; i < count; i++) Assert.Equal((double)input[i] * expectedMask[i], output[i], 1e-5);
        Assert.All(output.Skip(count), value => Assert.True(float.IsNaN(value)));
        Assert.Equal(expectedStream.NextUInt64(), stream.NextUInt64());

        // Backward through the same mask.
        var delta = Draw(count + spare);
        var inputGradient = Enumerable.Repeat(float.NaN, count + spare).ToArray();
        DropoutLayer.InputGradient(delta, inputGradient, rows, rowSize, mask);
        for (int i = 0; i < count; i++) Assert.Equal((double)delta[i] * expectedMask[i], inputGradient[i], 1e-5);
        Assert.All(inputGradient.Skip(count), value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void Bad_buffers_and_rates_are_refused_with_what_was_wrong()
    {
        var stream = new FastRandom(1);
        var error = Assert.Throws<ArgumentException>(() => DropoutLayer.Forward(new float[5], new float[6], 2, 3, 0.5f, true, stream, new float[6]));
        Assert.Contains("input holds 5 floats; 2 rows of 3 need 6", error.Message);
        Assert.Throws<ArgumentException>(() => DropoutLayer.Forward(new float[6], new float[5], 2, 3, 0.5f, false, stream, new float[6]));
        error = Assert.Throws<ArgumentException>(() => DropoutLayer.Forward(new float[6], new float[6], 2, 3, 0.5f, true, stream, new float[5]));
        Assert.Contains("mask must hold at least 6 floats; it holds 5", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutLayer.Forward(new float[6], new float[6], 2, 3, 1f, true, stream, new float[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutLayer.Forward(new float[6], new float[6], 2, 3, -0.1f, true, stream, new float[6]));
        Assert.Throws<ArgumentException>(() => DropoutLayer.InputGradient(new float[6], new float[6], 2, 3, new float[4]));
        error = Assert.Throws<ArgumentException>(() => DropoutLayer.InputGradient(new float[5], new float[6], 2, 3, new float[6]));
        Assert.Contains("delta holds 5 floats", error.Message);
        Assert.Throws<ArgumentException>(() => DropoutLayer.InputGradient(new float[6], new float[5], 2, 3, new float[6]));
    }
}

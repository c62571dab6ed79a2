using System;
using System.Linq;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// <see cref="BatchNormalization.Fold"/>: the scales and shifts that let a Dense or Conv2D layer apply the BatchNorm
/// after it, against the definition in double, for channel counts below, at and around every vector width.
/// </summary>
public sealed class BatchNormFoldTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(64)]
    public void Scale_times_the_sum_plus_shift_is_the_normalised_output(int channels)
    {
        var random = new Random(channels);
        float[] Values(double from, double to) => Enumerable.Range(0, channels).Select(_ => (float)(from + (to - from) * random.NextDouble())).ToArray();
        var gain = Values(-1.5, 1.5);
        var bias = Values(-0.5, 0.5);
        var mean = Values(-0.5, 0.5);
        var variance = Values(0.01, 3);
        var producerBias = Values(-0.5, 0.5);
        const float epsilon = 1e-3f;
        var fold = new float[2 * channels + 3];
        fold.AsSpan(2 * channels).Fill(42f);

        BatchNormalization.Fold(gain, bias, mean, variance, producerBias, fold, channels, epsilon);

        for (int c = 0; c < channels; c++)
        {
            foreach (double sum in new[] { -2.0, 0.0, 0.7 })
            {
                // sum is W·x; the layer's output before the BatchNorm is W·x + b.
                double expected = gain[c] * (sum + producerBias[c] - mean[c]) / Math.Sqrt(variance[c] + (double)epsilon) + bias[c];
                double folded = fold[c] * sum + fold[channels + c];
                Assert.True(Math.Abs(expected - folded) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"channel {c} of {channels}, W·x = {sum}: expected {expected}, folded {folded}");
            }
        }
        Assert.All(fold.Skip(2 * channels), v => Assert.Equal(42f, v)); // nothing written past the shifts
    }
}

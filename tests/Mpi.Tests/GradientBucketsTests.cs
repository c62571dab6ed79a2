using System;
using System.Linq;
using Xunit;

namespace DslNet.Mpi.Tests;

public sealed class GradientBucketsTests
{
    // Four slices at 0..10, 10..110, 110..114, 114..1114 (a weight, its bias, a small weight, a large weight).
    private static readonly ParameterLayout s_layout = new(
        new ParameterSlice("dense1", "weight", ParameterKind.Weight, 0, [2, 5]),
        new ParameterSlice("dense1", "bias", ParameterKind.Bias, 10, [100]),
        new ParameterSlice("dense2", "weight", ParameterKind.Weight, 110, [2, 2]),
        new ParameterSlice("dense3", "weight", ParameterKind.Weight, 114, [10, 100]));

    [Fact]
    public void A_large_limit_makes_one_bucket_of_the_whole_vector()
    {
        var buckets = GradientBuckets.Plan(s_layout, bucketBytes: 1 << 20);
        Assert.Equal([(0, 1114)], buckets.Ranges.ToArray());
        Assert.Equal([0], buckets.LowestSlice);
    }

    [Fact]
    public void Buckets_start_at_the_last_layer_and_cover_every_float_once()
    {
        // 110 floats: the large slice alone, then dense2 and the bias (104), then the first weight.
        var buckets = GradientBuckets.Plan(s_layout, bucketBytes: 110 * sizeof(float));
        Assert.Equal([(114, 1000), (10, 104), (0, 10)], buckets.Ranges.ToArray());
        Assert.Equal([3, 1, 0], buckets.LowestSlice);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(404)]
    [InlineData(4000)]
    [InlineData(4456)]
    public void Every_limit_gives_contiguous_buckets_within_it_unless_one_slice_exceeds_it(int bucketBytes)
    {
        var buckets = GradientBuckets.Plan(s_layout, bucketBytes);
        int end = s_layout.ParameterCount;
        foreach (var (offset, length) in buckets.Ranges)
        {
            Assert.Equal(end, offset + length);
            bool singleSlice = s_layout.Count(slice => slice.Offset >= offset && slice.Offset < offset + length) == 1;
            Assert.True(length * sizeof(float) <= bucketBytes || singleSlice, $"bucket at {offset} holds {length} floats");
            end = offset;
        }
        Assert.Equal(0, end);
    }

    [Fact]
    public void A_limit_below_one_float_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientBuckets.Plan(s_layout, 3));
        Assert.Contains("at least one float", error.Message);
    }
}

using System;
using System.Collections.Generic;

namespace DslNet.Mpi;

/// <summary>
/// Groups a network's gradient slices into buckets for the all-reduce, in the order back-propagation finishes them
/// (the last layer's first, as PyTorch DDP does): adjacent slices go into one bucket until the next would take it past the
/// size limit, and a slice larger than the limit is a bucket of its own. A bucket is one contiguous range of the flat
/// gradient vector, so it is reduced in place with a single call.
/// </summary>
internal sealed class GradientBuckets
{
    private readonly (int Offset, int Length)[] _ranges;

    private GradientBuckets((int Offset, int Length)[] ranges, int[] lowestSlice)
    {
        _ranges = ranges;
        LowestSlice = lowestSlice;
    }

    /// <summary>The buckets' ranges of the gradient vector, in the order they are reduced.</summary>
    public ReadOnlySpan<(int Offset, int Length)> Ranges => _ranges;

    /// <summary>The number of buckets.</summary>
    public int Count => _ranges.Length;

    /// <summary>For bucket b, the lowest layout slice it holds: the bucket is complete once back-propagation has reached that slice.</summary>
    public IReadOnlyList<int> LowestSlice { get; }

    /// <summary>Plans the buckets of <paramref name="layout"/> with at most <paramref name="bucketBytes"/> bytes of floats each (but one slice).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketBytes"/> is below the size of one float.</exception>
    public static GradientBuckets Plan(ParameterLayout layout, int bucketBytes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (bucketBytes < sizeof(float))
        {
            throw new ArgumentOutOfRangeException(nameof(bucketBytes), bucketBytes, $"A gradient bucket holds at least one float ({sizeof(float)} bytes).");
        }
        int limit = bucketBytes / sizeof(float);
        var ranges = new List<(int Offset, int Length)>();
        var lowest = new List<int>();
        int start = -1, end = -1, first = -1;
        for (int slice = layout.Count - 1; slice >= 0; slice--)
        {
            int offset = layout[slice].Offset;
            int length = layout[slice].Length;
            if (length == 0) continue;
            // The bucket under way grows downwards, from its end towards offset 0.
            if (start >= 0 && end - offset > limit)
            {
                ranges.Add((start, end - start));
                lowest.Add(first);
                start = -1;
            }
            if (start < 0) end = offset + length;
            start = offset;
            first = slice;
        }
        if (start >= 0)
        {
            ranges.Add((start, end - start));
            lowest.Add(first);
        }
        return new GradientBuckets([.. ranges], [.. lowest]);
    }
}

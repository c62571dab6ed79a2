using System;
using System.Collections;
using System.Collections.Generic;

namespace DslNet;

/// <summary>The table of a network's parameter slices, in the order they sit in the flat vector.</summary>
public sealed class ParameterLayout : IReadOnlyList<ParameterSlice>
{
    private readonly ParameterSlice[] _slices;

    public ParameterLayout(params ParameterSlice[] slices)
    {
        int expected = 0;
        foreach (var slice in slices)
        {
            if (slice.Offset != expected)
            {
                throw new ArgumentException($"Slice {slice} should start at offset {expected}: slices must be contiguous and in order.", nameof(slices));
            }
            expected += slice.Length;
        }
        _slices = slices;
        ParameterCount = expected;
    }

    /// <summary>The total number of floats the slices cover.</summary>
    public int ParameterCount { get; }

    public int Count => _slices.Length;

    public ParameterSlice this[int index] => _slices[index];

    public IEnumerator<ParameterSlice> GetEnumerator() => ((IEnumerable<ParameterSlice>)_slices).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System;
using System.Collections;
using System.Collections.Generic;

namespace DslNet;

/// <summary>The table of a network's parameter slices, in the order they sit in the flat vector.</summary>
public sealed class ParameterLayout : IReadOnlyList<ParameterSlice>
{
    private readonly ParameterSlice[] _slices;

    /// <summary>A layout of <paramref name="slices"/>, which must be contiguous and in order from offset 0.</summary>
    /// <exception cref="ArgumentException">A slice does not start where the previous one ends.</exception>
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

    /// <summary>The number of slices.</summary>
    public int Count => _slices.Length;

    /// <summary>The slice at <paramref name="index"/>, in vector order.</summary>
    public ParameterSlice this[int index] => _slices[index];

    /// <inheritdoc />
    public IEnumerator<ParameterSlice> GetEnumerator() => ((IEnumerable<ParameterSlice>)_slices).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

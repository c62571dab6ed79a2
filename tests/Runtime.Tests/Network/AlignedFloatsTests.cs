using System;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

public sealed class AlignedFloatsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100_000)]
    public void Allocate_gives_a_zeroed_array_of_the_length_asked_for(int length)
    {
        var array = AlignedFloats.Allocate(length);
        Assert.Equal(length, array.Length);
        Assert.All(array, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Allocate_refuses_a_negative_length()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AlignedFloats.Allocate(-1));
        Assert.Equal("length", e.ParamName);
    }

    /// <summary>
    /// Where an array lands is up to the heap, so the test counts: a plain array starts on a 64-byte boundary about one
    /// time in eight; Allocate's arrays should, on a young heap, nearly always, and on a heap with gaps about two in five
    /// (as measured in docs/mlp.md, "Measured speed"). 14 of 64 tells the two apart with room for either heap.
    /// </summary>
    [Fact]
    public void Most_arrays_start_on_a_cache_line()
    {
        var held = new float[64][];
        int aligned = 0;
        for (int i = 0; i < held.Length; i++)
        {
            held[i] = AlignedFloats.Allocate(1 + 37 * i);
            int misalignment = AlignedFloats.Misalignment(held[i]);
            Assert.InRange(misalignment, 0, 63);
            if (misalignment == 0) aligned++;
        }
        Assert.True(aligned >= 14, $"{aligned} of 64 arrays start on a 64-byte boundary");
    }
}

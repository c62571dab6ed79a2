using System;
using Xunit;

namespace DslNet.Mpi.Tests;

public sealed class ParameterChecksumTests
{
    private static float[] Values(int length)
    {
        var random = new Random(length);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    [Fact]
    public void Equal_vectors_give_equal_checksums()
    {
        Assert.Equal(ParameterChecksum.Of(Values(1000)), ParameterChecksum.Of(Values(1000)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(1003)]
    public void Changing_the_lowest_bit_of_any_value_changes_the_checksum(int length)
    {
        var values = Values(length);
        ulong original = ParameterChecksum.Of(values);
        for (int i = 0; i < length; i++)
        {
            float kept = values[i];
            values[i] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(kept) ^ 1);
            Assert.NotEqual(original, ParameterChecksum.Of(values));
            values[i] = kept;
        }
    }

    [Fact]
    public void Swapping_two_values_changes_the_checksum()
    {
        // Two values in the same lane (8 apart) and two in different lanes.
        var values = Values(64);
        ulong original = ParameterChecksum.Of(values);
        (values[3], values[11]) = (values[11], values[3]);
        Assert.NotEqual(original, ParameterChecksum.Of(values));
        (values[3], values[11]) = (values[11], values[3]);
        (values[3], values[4]) = (values[4], values[3]);
        Assert.NotEqual(original, ParameterChecksum.Of(values));
    }

    [Fact]
    public void Negative_zero_differs_from_zero()
    {
        // The replicas must be bit-identical, not merely equal as numbers.
        Assert.NotEqual(ParameterChecksum.Of([0f, 1f]), ParameterChecksum.Of([-0f, 1f]));
    }
}

using System;
using System.Linq;

namespace DslNet.Model;

/// <summary>The shape of one sample flowing between layers, without the batch dimension.</summary>
public sealed record Shape(EquatableArray<int> Dimensions)
{
    public Shape(params int[] dimensions) : this(dimensions.ToEquatableArray())
    {
    }

    public int Rank => Dimensions.Count;

    /// <summary>The number of floats in one sample of this shape.</summary>
    public int Size => Dimensions.Aggregate(1, (product, d) => product * d);

    /// <summary>The size without overflow, for the checks that keep <see cref="Size"/> meaningful.</summary>
    public long LongSize => Dimensions.Aggregate(1L, (product, d) => product * d);

    /// <summary><c>[1, 28, 28]</c>, as messages and generated comments print it.</summary>
    public override string ToString() => "[" + string.Join(", ", Dimensions) + "]";
}

using System;
using System.Linq;
using System.Numerics;

namespace DslNet.Model;

/// <summary>
/// The shape of one sample flowing between layers, without the batch dimension. A sequence
/// (<see cref="IsSequence"/>) has a leading time axis whose length is a run-time value; <see cref="Dimensions"/>
/// is then the shape of one time step, and <see cref="Size"/> the floats in one step.
/// </summary>
internal sealed record Shape(EquatableArray<int> Dimensions, bool IsSequence = false)
{
    public Shape(params int[] dimensions) : this(dimensions.ToEquatableArray())
    {
    }

    /// <summary>A sequence whose time steps each have <paramref name="step"/> (none: one token id per step).</summary>
    public static Shape Sequence(params int[] step) => new(step.ToEquatableArray(), IsSequence: true);

    public int Rank => Dimensions.Count;

    /// <summary>The number of floats in one sample of this shape, or in one time step of a sequence.</summary>
    public int Size => Dimensions.Aggregate(1, (product, d) => product * d);

    /// <summary>
    /// The size without overflow, for the checks that keep <see cref="Size"/> meaningful: three dimensions near
    /// int.MaxValue exceed a long, so a product that does is <see cref="long.MaxValue"/> (too large either way).
    /// </summary>
    public long LongSize
    {
        get
        {
            var exact = ExactSize;
            return exact > long.MaxValue ? long.MaxValue : exact < long.MinValue ? long.MinValue : (long)exact;
        }
    }

    /// <summary>The exact product of the dimensions, for messages about sizes beyond a long.</summary>
    public BigInteger ExactSize => Dimensions.Aggregate(BigInteger.One, (product, d) => product * d);

    /// <summary><c>[1, 28, 28]</c>, or <c>[time, 32]</c> for a sequence, as messages and generated comments print it.</summary>
    public override string ToString() => "[" + string.Join(", ", (IsSequence ? new[] { "time" } : Array.Empty<string>()).Concat(Dimensions.Select(d => d.ToString()))) + "]";
}

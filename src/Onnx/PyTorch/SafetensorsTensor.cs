using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx;

/// <summary>One float32 tensor of a safetensors file: its shape and its values, row-major.</summary>
/// <param name="Shape">The dimensions, outermost first (empty for a scalar).</param>
/// <param name="Values">The values, as many as the shape's product.</param>
public sealed record SafetensorsTensor(IReadOnlyList<long> Shape, float[] Values)
{
    /// <summary>The number of values the shape holds.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, d) => product * d);

    /// <summary>The shape as <c>[4, 3]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <summary>Checks that <see cref="Values"/> fits <see cref="Shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the counts differ.</exception>
    internal void Check(string name)
    {
        if (Shape.Any(d => d < 0)) throw new ArgumentException($"Tensor '{name}' has a negative dimension in {ShapeText}.");
        if (ElementCount != Values.Length) throw new ArgumentException($"Tensor '{name}' has {Values.Length} values but its shape {ShapeText} holds {ElementCount}.");
    }
}

using System;

namespace DslNet;

/// <summary>The shape of one sample, without the batch dimension: <c>[Input(64)]</c> or <c>[Input(1, 28, 28)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape: one number for a vector, three (channels, height, width) for an image.</summary>
    /// <param name="shape">Every dimension at least 1.</param>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>The dimensions of one sample, outermost first.</summary>
    public int[] Shape { get; }
}

using System;

namespace DslNet;

/// <summary>The shape of one sample, without the batch dimension: <c>[Input(64)]</c> or <c>[Input(1, 28, 28)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class InputAttribute : Attribute
{
    public InputAttribute(params int[] shape) => Shape = shape;

    public int[] Shape { get; }
}

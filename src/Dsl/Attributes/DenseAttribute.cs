using System;

namespace DslNet;

/// <summary>
/// A fully connected layer: <c>y = activation(x·W + b)</c>, with <c>W</c> stored as [inputs, units].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class DenseAttribute : Attribute
{
    public DenseAttribute(int units) => Units = units;

    public int Units { get; }

    /// <summary>Applied to <c>x·W + b</c>; <see cref="DslNet.Activation.Linear"/> (none) by default.</summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>dense{n}</c> by default.</summary>
    public string? Name { get; set; }
}

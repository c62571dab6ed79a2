using System;

namespace DslNet;

/// <summary>
/// A fully connected layer: <c>y = activation(x·W + b)</c>, with <c>W</c> stored as [inputs, units].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>A layer of <paramref name="units"/> outputs, each connected to every input.</summary>
    /// <param name="units">The output size, at least 1.</param>
    public DenseAttribute(int units) => Units = units;

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>Applied to <c>x·W + b</c>; <see cref="DslNet.Activation.Linear"/> (none) by default.</summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>dense{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

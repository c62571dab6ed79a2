using System;

namespace DslNet;

/// <summary>Reads a [channels, height, width] feature map as one vector, for the Dense layers after it. Costs nothing.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>The layer's name in generated code; <c>flatten{n}</c> by default. Flatten has no parameters.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

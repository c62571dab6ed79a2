using System;

namespace DslNet;

/// <summary>Reads a [channels, height, width] feature map as one vector, for the Dense layers after it. Costs nothing.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class FlattenAttribute : Attribute
{
    public string? Name { get; set; }
}

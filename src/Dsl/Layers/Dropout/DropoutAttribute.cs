using System;

namespace DslNet;

/// <summary>
/// Inverted dropout: in training, each value is zeroed with probability <c>rate</c> and the rest scaled by
/// 1 / (1 − rate); in inference the layer passes its input through unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Drops each value with probability <paramref name="rate"/> in training.</summary>
    /// <param name="rate">In [0, 1); the build reports a DN error otherwise.</param>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>The probability of dropping a value, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>The layer's name in generated code; <c>dropout{n}</c> by default. Dropout has no parameters.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

using System;

namespace DslNet;

/// <summary>
/// Layer normalisation over the last axis: <c>y = γ ⊙ (x − mean(x)) / sqrt(var(x) + 1e-5) + β</c>, with a learned gain γ
/// (initialised to 1) and bias β (initialised to 0), one of each per feature. Takes a vector [features] or a sequence of
/// vectors [time, features], where it normalises every step on its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class LayerNormAttribute : Attribute
{
    /// <summary>The layer's name in the parameter layout and generated code; <c>layernorm{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

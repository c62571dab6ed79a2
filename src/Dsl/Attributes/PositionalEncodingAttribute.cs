using System;

namespace DslNet;

/// <summary>
/// Adds the sinusoidal position code of "Attention Is All You Need" to every step of a sequence [time, d]:
/// <c>PE[t, 2i] = sin(t / 10000^(2i/d))</c> and <c>PE[t, 2i + 1] = cos(t / 10000^(2i/d))</c>, with t the step's index in
/// its sequence. It has no parameters; the gradient passes through unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PositionalEncodingAttribute : Attribute
{
    /// <summary>The layer's name in generated code; <c>positionalencoding{n}</c> by default.</summary>
    public string? Name { get; set; }
}

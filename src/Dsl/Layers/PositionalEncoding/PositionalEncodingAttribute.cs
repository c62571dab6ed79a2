using System;

namespace DslNet;

/// <summary>
/// Adds a code of each step's position t (its index in its sequence) to every step of a sequence [time, d]. By default
/// the fixed sinusoidal code of "Attention Is All You Need", <c>PE[t, 2i] = sin(t / 10000^(2i/d))</c> and
/// <c>PE[t, 2i + 1] = cos(t / 10000^(2i/d))</c>, with no parameters. With <see cref="Learned"/> a trainable table
/// [<see cref="MaxLength"/>, d] instead, row t added to step t, as PyTorch's <c>nn.Embedding(max_len, d)</c> of positions
/// (GPT-2, BERT). Either way the gradient passes through to the input unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PositionalEncodingAttribute : Attribute
{
    /// <summary>
    /// Learn the code: a table of <see cref="MaxLength"/> rows of d parameters, drawn from N(0, 0.02²) as GPT-2 does.
    /// Requires <see cref="MaxLength"/>; a network with more time steps than that throws an <see cref="ArgumentException"/>.
    /// </summary>
    public bool Learned { get; set; }

    /// <summary>The most time steps a learned encoding has rows for; required with <see cref="Learned"/>, and only there.</summary>
    public int MaxLength { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>positionalencoding{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

using System;

namespace DslNet;

/// <summary>
/// A simple recurrent layer: <c>h_t = tanh(x_t·W + h_{t−1}·U + b)</c>, with W [features, units], U [units, units] and the
/// hidden state starting at zero.
/// Takes a sequence [time, features]; steps past a sequence's own length change nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class SimpleRnnAttribute : Attribute
{
    /// <summary>A simple RNN whose hidden state holds <paramref name="units"/> floats.</summary>
    public SimpleRnnAttribute(int units) => Units = units;

    /// <summary>The size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>Output every step's hidden state, [time, units]; by default only the state at each sequence's last step, [units].</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Start each batch from the previous batch's final state (row for row) instead of zero, for truncated
    /// backpropagation through time over long streams; <c>ResetState()</c> on the network starts again from zero.
    /// </summary>
    public bool Stateful { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>simplernn{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

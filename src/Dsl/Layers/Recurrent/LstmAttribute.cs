using System;

namespace DslNet;

/// <summary>
/// A long short-term memory layer: gates <c>i, f, o = σ(·)</c> and candidate <c>g = tanh(·)</c> from one fused product
/// <c>x_t·W + h_{t−1}·U + b</c> (W [features, 4·units], U [units, 4·units], columns in the order i, f, o, g), then
/// <c>c_t = f·c_{t−1} + i·g</c> and <c>h_t = o·tanh(c_t)</c>; states start at zero, the forget-gate bias at 1.
/// Takes a sequence [time, features]; steps past a sequence's own length change nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class LstmAttribute : Attribute
{
    /// <summary>An LSTM whose hidden and cell states hold <paramref name="units"/> floats.</summary>
    public LstmAttribute(int units) => Units = units;

    /// <summary>The size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>Output every step's hidden state, [time, units]; by default only the state at each sequence's last step, [units].</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Start each batch from the previous batch's final state (row for row) instead of zero, for truncated
    /// backpropagation through time over long streams; <c>ResetState()</c> on the network starts again from zero.
    /// </summary>
    public bool Stateful { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>lstm{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

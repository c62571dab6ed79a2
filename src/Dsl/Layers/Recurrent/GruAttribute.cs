using System;

namespace DslNet;

/// <summary>
/// A gated recurrent unit with PyTorch's equations (<c>torch.nn.GRU</c>): <c>r = σ(x_t·W_r + b_ir + h_{t−1}·U_r + b_hr)</c>,
/// <c>z = σ(x_t·W_z + b_iz + h_{t−1}·U_z + b_hz)</c>, <c>n = tanh(x_t·W_n + b_in + r·(h_{t−1}·U_n + b_hn))</c> and
/// <c>h_t = (1 − z)·n + z·h_{t−1}</c>, with W [features, 3·units], U [units, 3·units], both biases [3·units] kept as
/// PyTorch keeps them, gate columns in PyTorch's order r, z, n; the state starts at zero, the update gate's input bias
/// at 1 (as an LSTM's forget gate), the other biases at zero.
/// Takes a sequence [time, features]; steps past a sequence's own length change nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class GruAttribute : Attribute
{
    /// <summary>A GRU whose hidden state holds <paramref name="units"/> floats.</summary>
    public GruAttribute(int units) => Units = units;

    /// <summary>The size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>Output every step's hidden state, [time, units]; by default only the state at each sequence's last step, [units].</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Start each batch from the previous batch's final state (row for row) instead of zero, for truncated
    /// backpropagation through time over long streams; <c>ResetState()</c> on the network starts again from zero.
    /// </summary>
    public bool Stateful { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>gru{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

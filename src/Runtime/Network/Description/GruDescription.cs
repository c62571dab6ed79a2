using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// Gru (PyTorch's equations): <c>r = σ(x_t·W_r + b_ir + h_{t−1}·U_r + b_hr)</c>, <c>z = σ(x_t·W_z + b_iz + h_{t−1}·U_z + b_hz)</c>,
/// <c>n = tanh(x_t·W_n + b_in + r·(h_{t−1}·U_n + b_hn))</c>, <c>h = (1 − z)·n + z·h_{t−1}</c> from a zero state;
/// parameters <c>weight</c> [inputs, 3·units], <c>recurrent</c> [units, 3·units], <c>bias</c> [3·units] (the input
/// bias b_i) and <c>recurrent_bias</c> [3·units] (the hidden bias b_h), gate columns in the order reset, update, new.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[features] per step.</param>
/// <param name="OutputShape">[units], per step when <paramref name="ReturnSequences"/>.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Equal to <paramref name="ReturnSequences"/>.</param>
/// <param name="Units">The size of the hidden state.</param>
/// <param name="ReturnSequences">Every step's state, or only the state at each sequence's own last step.</param>
/// <param name="Stateful">Whether the final state carries into the next batch.</param>
public sealed record GruDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Units, bool ReturnSequences, bool Stateful)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Gru";
}

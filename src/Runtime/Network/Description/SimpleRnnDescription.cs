using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// SimpleRnn: <c>h_t = tanh(x_t·W + h_{t−1}·U + b)</c> from a zero state, parameters <c>weight</c> [inputs, units],
/// <c>recurrent</c> [units, units], <c>bias</c> [units].
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[features] per step.</param>
/// <param name="OutputShape">[units], per step when <paramref name="ReturnSequences"/>.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Equal to <paramref name="ReturnSequences"/>.</param>
/// <param name="Units">The size of the hidden state.</param>
/// <param name="ReturnSequences">Every step's state, or only the state at each sequence's own last step.</param>
/// <param name="Stateful">Whether the final state carries into the next batch.</param>
public sealed record SimpleRnnDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Units, bool ReturnSequences, bool Stateful)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "SimpleRnn";
}

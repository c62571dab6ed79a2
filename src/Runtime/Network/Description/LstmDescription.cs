using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// Lstm: <c>[i f o g] = σσσtanh(x_t·W + h_{t−1}·U + b)</c>, <c>c = f·c + i·g</c>, <c>h = o·tanh(c)</c> from zero states;
/// parameters <c>weight</c> [inputs, 4·units], <c>recurrent</c> [units, 4·units], <c>bias</c> [4·units], gate columns in
/// the order input, forget, output, candidate.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[features] per step.</param>
/// <param name="OutputShape">[units], per step when <paramref name="ReturnSequences"/>.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Equal to <paramref name="ReturnSequences"/>.</param>
/// <param name="Units">The size of the hidden and cell states.</param>
/// <param name="ReturnSequences">Every step's state, or only the state at each sequence's own last step.</param>
/// <param name="Stateful">Whether the final states carry into the next batch.</param>
public sealed record LstmDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Units, bool ReturnSequences, bool Stateful)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Lstm";
}

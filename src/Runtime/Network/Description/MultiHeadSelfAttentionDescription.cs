using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// MultiHeadSelfAttention over [time, d]: <c>[Q K V] = x·W + b</c> (<c>weight</c> [d, 3d], <c>bias</c> [3d]), per head of
/// d / heads features <c>softmax(Q·Kᵀ/√e)·V</c> over the keys before each sequence's length (and not after the query when
/// <paramref name="Causal"/>), a query at or past its length giving zeros, then <c>y = C·Wo + bo</c>
/// (<c>outputWeight</c> [d, d], <c>outputBias</c> [d]).
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[d] per step.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Always true.</param>
/// <param name="Heads">The number of heads; d is a multiple of it.</param>
/// <param name="Causal">Whether a step attends only to itself and the steps before it.</param>
public sealed record MultiHeadSelfAttentionDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Heads, bool Causal)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "MultiHeadSelfAttention";
}

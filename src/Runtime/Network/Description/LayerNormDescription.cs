using System.Collections.Generic;

namespace DslNet;

/// <summary>LayerNorm over the last axis: <c>y = γ ⊙ (x − μ) / √(σ² + ε) + β</c>, parameters <c>gain</c> (γ) and <c>bias</c> (β).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[features], per step of a sequence.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Epsilon">ε, added to the variance.</param>
public sealed record LayerNormDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence, float Epsilon)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "LayerNorm";
}

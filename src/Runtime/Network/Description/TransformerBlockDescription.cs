using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// TransformerBlock, pre-norm: <c>h = x + MHSA(LN₁(x))</c>, <c>y = h + FFN(LN₂(h))</c> with
/// <c>FFN(n) = act(n·W₁ + b₁)·W₂ + b₂</c>. Its parameters carry the part's prefix: <c>norm1Gain</c>, <c>norm1Bias</c>,
/// <c>attentionWeight</c>, <c>attentionBias</c>, <c>attentionOutputWeight</c>, <c>attentionOutputBias</c>,
/// <c>norm2Gain</c>, <c>norm2Bias</c>, <c>feedForward1Weight</c>, <c>feedForward1Bias</c>, <c>feedForward2Weight</c>,
/// <c>feedForward2Bias</c>, each laid out as in <see cref="LayerNormDescription"/>,
/// <see cref="MultiHeadSelfAttentionDescription"/> and <see cref="DenseDescription"/>.
/// </summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">[d] per step.</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Always true.</param>
/// <param name="OutputIsSequence">Always true.</param>
/// <param name="Heads">The attention heads.</param>
/// <param name="FeedForward">The feed-forward width (resolved: 4·d when not declared).</param>
/// <param name="Activation">The feed-forward's activation.</param>
/// <param name="Causal">Whether the attention is causal.</param>
/// <param name="Epsilon">ε of both layer norms.</param>
public sealed record TransformerBlockDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Heads, int FeedForward, Activation Activation, bool Causal, float Epsilon)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "TransformerBlock";
}

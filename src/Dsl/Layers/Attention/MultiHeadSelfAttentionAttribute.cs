using System;

namespace DslNet;

/// <summary>
/// Multi-head self-attention over a sequence [time, d]: one fused projection <c>[Q K V] = x·W + b</c> (W [d, 3·d]),
/// then for each of <see cref="Heads"/> heads of d / heads features <c>softmax(Q·Kᵀ / √(d / heads))·V</c>, the heads side by
/// side, and an output projection [d, d] with a bias. A query attends to no step at or past its sequence's length and,
/// with <see cref="Causal"/>, to no later step. The output is [time, d].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class MultiHeadSelfAttentionAttribute : Attribute
{
    /// <summary>Attention with <paramref name="heads"/> heads; the model dimension must be a multiple of it.</summary>
    public MultiHeadSelfAttentionAttribute(int heads) => Heads = heads;

    /// <summary>The number of heads, each over d / heads features.</summary>
    public int Heads { get; }

    /// <summary>Hide the future: step t attends only to steps 0 … t, as a language model needs.</summary>
    public bool Causal { get; set; }

    /// <summary>
    /// The model dimension d the layer is written for, checked against the features of each incoming step (DN0030);
    /// 0 (the default) takes d from the input.
    /// </summary>
    public int ModelDimension { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>multiheadselfattention{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

using System;

namespace DslNet;

/// <summary>
/// A pre-norm transformer block over a sequence [time, d], one layer in the declaration:
/// <c>h = x + MultiHeadSelfAttention(LayerNorm(x))</c>, then <c>y = h + W₂·activation(W₁·LayerNorm(h) + b₁) + b₂</c>,
/// the feed-forward network applied to every step. The output is [time, d].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class TransformerBlockAttribute : Attribute
{
    /// <summary>A block whose attention has <paramref name="heads"/> heads; the model dimension must be a multiple of it.</summary>
    public TransformerBlockAttribute(int heads) => Heads = heads;

    /// <summary>The number of attention heads.</summary>
    public int Heads { get; }

    /// <summary>The feed-forward network's hidden width; 0 (the default) means 4 × the model dimension.</summary>
    public int FeedForward { get; set; }

    /// <summary>The feed-forward network's hidden activation; <see cref="DslNet.Activation.ReLU"/> by default.</summary>
    public Activation Activation { get; set; } = Activation.ReLU;

    /// <summary>Hide the future from the attention: step t attends only to steps 0 … t.</summary>
    public bool Causal { get; set; }

    /// <summary>
    /// The model dimension d the block is written for, checked against the features of each incoming step (DN0030);
    /// 0 (the default) takes d from the input.
    /// </summary>
    public int ModelDimension { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>transformerblock{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one multi-head self-attention layer over rows of <see cref="Width"/> features, split into
/// <see cref="Heads"/> heads of Width / Heads, as static members of a struct. <see cref="AttentionLayer"/> is generic
/// over it and derives the layer's six products and its head loops from it, so generated code declares one small struct
/// per distinct attention shape and the JIT and NativeAOT still compile each with every count a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IAttentionShape
{
    /// <summary>Floats in one row of the input and of the output (d, the model width).</summary>
    static abstract int Width { get; }

    /// <summary>The heads (H); Width is a multiple of it.</summary>
    static abstract int Heads { get; }

    /// <summary>Whether a query at step t sees only the keys up to t (a decoder), instead of every step of its sequence.</summary>
    static virtual bool Causal => false;
}

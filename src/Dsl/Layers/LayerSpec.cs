using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// One declared layer, in declaration order. <see cref="Index"/> is its 1-based position
/// among the layers after the input; <see cref="DeclaredName"/> is what the user wrote, if anything.
/// Each kind's record also carries its shape rule and its parameters, so a layer kind is described in one file.
/// </summary>
internal abstract record LayerSpec(int Index, string? DeclaredName, SourceLocation Location)
{
    /// <summary>The layer kind as written in declarations: <c>Dense</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The name used in the parameter layout and generated code: declared, or <c>dense2</c>.</summary>
    public string Name => DeclaredName ?? Kind.ToLowerInvariant() + Index;

    /// <summary>The layer this one reads, as declared (<c>From = "block1"</c>); null: the layer declared before it.</summary>
    public LayerReference? From { get; init; }

    /// <summary>
    /// The layers this one reads by name: <see cref="From"/>, or a merge layer's inputs; empty for a layer that reads the
    /// layer declared before it.
    /// </summary>
    public virtual IReadOnlyList<LayerReference> NamedInputs => From is null ? [] : [From];

    /// <summary>
    /// The layer's output shape for <paramref name="input"/> (null when an earlier layer's error left it unknown), or
    /// null after reporting through <paramref name="context"/> why the layer cannot take it.
    /// </summary>
    public abstract Shape? InferOutput(Shape? input, ShapeContext context);

    /// <summary>The named slices this layer adds to the parameter vector, in order; none by default.</summary>
    public virtual IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) => [];

    /// <summary>The layers a composite (a transformer block) is made of, with their shapes; none by default.</summary>
    public virtual IReadOnlyList<LayerShape> Sublayers(Shape input, Shape output) => [];

    /// <summary>The activation the declaration gives the layer's output (Dense, Conv2D); null for kinds that have none.</summary>
    public virtual Activation? DeclaredActivation => null;

    /// <summary>The output is the input read with another shape (Flatten): no code, no buffer, and its input's activation.</summary>
    public virtual bool IsView => false;

    /// <summary>
    /// Works on one sample (Dense, Conv2D, pooling, Flatten): applied to every time step of a sequence with the same
    /// parameters, as Keras' TimeDistributed does.
    /// </summary>
    public virtual bool AppliesPerStep => false;

    /// <summary>The output has the input's shape (dropout, normalisation, attention): hints about sizes look past it.</summary>
    public virtual bool KeepsShape => false;

    /// <summary>What a hint tells the user to change for another output size: "the units" (of Dense #2).</summary>
    public virtual string OutputSizeSetting => "the output";

    /// <summary>Why a convolution after this layer would receive a vector, after the layer's description.</summary>
    public virtual string MadeVectorHint => "outputs a vector: place convolution and pooling layers before it";
}

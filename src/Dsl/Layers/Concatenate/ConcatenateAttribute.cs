using System;

namespace DslNet;

/// <summary>
/// Two or more layers' outputs side by side: feature maps [C, H, W] along the channels (U-Net's skip connection: the
/// heights and widths must match), vectors along the features. No parameters; in backward each input receives its
/// slice of the gradient.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ConcatenateAttribute : Attribute
{
    /// <summary>Declares the concatenation of <paramref name="inputs"/>, in this order.</summary>
    /// <param name="inputs">The names of the layers to join, at least two, each declared before this one.</param>
    public ConcatenateAttribute(params string[] inputs) => Inputs = inputs;

    /// <summary>The names of the layers joined, in order.</summary>
    public string[] Inputs { get; }

    /// <summary>The layer's name in generated code; <c>concatenate{n}</c> by default.</summary>
    public string? Name { get; set; }
}

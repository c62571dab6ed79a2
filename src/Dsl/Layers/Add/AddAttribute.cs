using System;

namespace DslNet;

/// <summary>
/// The element-wise sum of two or more layers' outputs of the same shape, then an optional activation: a residual
/// connection (<c>[Add("block_input", "conv2", Activation = Activation.ReLU)]</c>, ResNet's <c>relu(x + F(x))</c>).
/// Name the network's input <c>"input"</c>. No parameters; in backward each input receives the whole gradient.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class AddAttribute : Attribute
{
    /// <summary>Declares the sum of <paramref name="inputs"/>.</summary>
    /// <param name="inputs">The names of the layers to add, at least two, each declared before this one.</param>
    public AddAttribute(params string[] inputs) => Inputs = inputs;

    /// <summary>The names of the layers added.</summary>
    public string[] Inputs { get; }

    /// <summary>Applied to the sum; <see cref="DslNet.Activation.Linear"/> (none) by default.</summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in generated code; <c>add{n}</c> by default.</summary>
    public string? Name { get; set; }
}

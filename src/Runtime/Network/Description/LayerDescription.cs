using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// One layer of a <see cref="NetworkDescription"/>: its name (the <see cref="ParameterSlice.Layer"/> of its parameters)
/// and the shapes it reads and writes. A sequence shape is one time step, with <see cref="InputIsSequence"/> or
/// <see cref="OutputIsSequence"/> set; a layer that works on one sample (Dense, Conv2D, pooling, Flatten) then applies
/// to every step. Each layer kind is a sealed record deriving from this one.
/// </summary>
/// <param name="Name">The layer's name: declared, or <c>dense2</c>.</param>
/// <param name="InputShape">One input sample, or one step of a sequence.</param>
/// <param name="OutputShape">One output sample, or one step of a sequence.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
public abstract record LayerDescription(string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence)
{
    /// <summary>The layer kind as declarations write it: <c>Dense</c>, <c>MaxPool2D</c>, <c>Lstm</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// The layers this one reads, by name (<c>input</c>: the network's input), in order: a layer declared with
    /// <c>From</c>, or a merge layer (Add, Concatenate). Empty for a layer that reads the layer before it, as in a stack.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}

using System.Collections.Generic;

namespace DslNet;

/// <summary>Add: the element-wise sum of the layers named in <see cref="LayerDescription.Inputs"/>, then the activation.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">The shape of every input (they are equal).</param>
/// <param name="OutputShape">The same shape.</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Activation">Applied to the sum.</param>
public sealed record AddDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    Activation Activation)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Add";
}

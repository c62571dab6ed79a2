using System.Collections.Generic;

namespace DslNet;

/// <summary>Flatten: the input (or each step of it) read as a vector, no copy.</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">One input sample or step.</param>
/// <param name="OutputShape">[the input's size].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
public sealed record FlattenDescription(string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Flatten";
}

using System.Collections.Generic;

namespace DslNet;

/// <summary>A Dense layer: <c>y = activation(x·W + b)</c>, W stored [inputs, units] (parameters <c>weight</c>, <c>bias</c>).</summary>
/// <param name="Name">The layer's name.</param>
/// <param name="InputShape">One input sample or step.</param>
/// <param name="OutputShape">One output sample or step: [units].</param>
/// <param name="InputIsSequence">Whether the input has a leading time axis.</param>
/// <param name="OutputIsSequence">Whether the output has a leading time axis.</param>
/// <param name="Units">The outputs per sample or step.</param>
/// <param name="Activation">The function applied to <c>x·W + b</c>.</param>
public sealed record DenseDescription(
    string Name, IReadOnlyList<int> InputShape, IReadOnlyList<int> OutputShape, bool InputIsSequence, bool OutputIsSequence,
    int Units, Activation Activation)
    : LayerDescription(Name, InputShape, OutputShape, InputIsSequence, OutputIsSequence)
{
    /// <inheritdoc />
    public override string Kind => "Dense";
}

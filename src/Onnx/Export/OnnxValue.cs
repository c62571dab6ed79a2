using System.Collections.Generic;

namespace DslNet.Onnx.Export;

/// <summary>
/// A tensor of the graph being built: its name, and the shape of one sample (<see cref="IsSequence"/>: of one time step)
/// behind the dynamic batch axis, and the time axis for a sequence: [batch, ...Dims] or [batch, time, ...Dims].
/// </summary>
internal sealed record OnnxValue(string Name, IReadOnlyList<int> Dims, bool IsSequence)
{
    /// <summary>The tensor's rank with the batch (and time) axes.</summary>
    public int Rank => Dims.Count + (IsSequence ? 2 : 1);
}

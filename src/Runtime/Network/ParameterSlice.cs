using System.Collections.Generic;

namespace DslNet;

/// <summary>One named tensor inside a network's flat parameter vector: <c>dense1.weight [64, 32]</c> at offset 0.</summary>
public sealed record ParameterSlice(string Layer, string Name, ParameterKind Kind, int Offset, IReadOnlyList<int> Shape)
{
    /// <summary>The number of floats in the slice.</summary>
    public int Length
    {
        get
        {
            int length = 1;
            foreach (int d in Shape) length *= d;
            return length;
        }
    }

    /// <summary>The slice as <c>layer.name [shape] at offset</c>.</summary>
    public override string ToString() => $"{Layer}.{Name} [{string.Join(", ", Shape)}] at {Offset}";
}

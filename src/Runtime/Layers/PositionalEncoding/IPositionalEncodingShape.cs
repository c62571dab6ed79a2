using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one positional encoding over steps of <see cref="Features"/> floats, as static members of a struct:
/// <see cref="PositionalEncodingLayer"/> is generic over it, so generated code declares one small struct per distinct
/// encoding.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPositionalEncodingShape
{
    /// <summary>Floats in one step (d).</summary>
    static abstract int Features { get; }

    /// <summary>A learned table's rows, the longest sequence it encodes; 0 for the sinusoidal table, which has no limit.</summary>
    static virtual int MaxLength => 0;
}

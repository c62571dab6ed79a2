using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constant of one layer normalisation, the <see cref="Features"/> of each row it normalises, as a static member of
/// a struct: <see cref="LayerNormLayer"/> is generic over it, so generated code declares one small struct per distinct
/// width and the JIT and NativeAOT compile each layer's loops with the width a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILayerNormShape
{
    /// <summary>Floats in one row (d), each row normalised on its own.</summary>
    static abstract int Features { get; }
}

using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one pooling layer over input [batch, Channels, Height, Width] and output
/// [batch, Channels, OutputHeight, OutputWidth], square windows of Size × Size every Stride, as static members of a
/// struct: <see cref="Pooling"/>'s kernels are generic over it, so each layer's loops run with them as constants.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPoolingShape
{
    /// <summary>Channels of the input and of the output.</summary>
    static abstract int Channels { get; }

    /// <summary>Rows of an input channel.</summary>
    static abstract int Height { get; }

    /// <summary>Columns of an input channel.</summary>
    static abstract int Width { get; }

    /// <summary>Rows of an output channel.</summary>
    static abstract int OutputHeight { get; }

    /// <summary>Columns of an output channel.</summary>
    static abstract int OutputWidth { get; }

    /// <summary>The window's side.</summary>
    static abstract int Size { get; }

    /// <summary>The step between windows, along rows and columns.</summary>
    static abstract int Stride { get; }
}

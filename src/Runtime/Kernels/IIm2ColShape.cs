using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one convolution's unrolling (<see cref="Im2Col"/>): an image [Channels, Height, Width], square
/// kernels of KernelSize every Stride with PadTop and PadLeft rows and columns of zeros before the image, and the
/// output [OutputHeight, OutputWidth] positions; the columns are [Channels · KernelSize², OutputHeight · OutputWidth].
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IIm2ColShape
{
    /// <summary>Channels of the image.</summary>
    static abstract int Channels { get; }

    /// <summary>Rows of an image channel.</summary>
    static abstract int Height { get; }

    /// <summary>Columns of an image channel.</summary>
    static abstract int Width { get; }

    /// <summary>The kernel's side.</summary>
    static abstract int KernelSize { get; }

    /// <summary>The step between kernel positions, along rows and columns.</summary>
    static virtual int Stride => 1;

    /// <summary>Rows of zeros above the image.</summary>
    static virtual int PadTop => 0;

    /// <summary>Columns of zeros left of the image.</summary>
    static virtual int PadLeft => 0;

    /// <summary>Rows of output positions.</summary>
    static abstract int OutputHeight { get; }

    /// <summary>Columns of output positions.</summary>
    static abstract int OutputWidth { get; }
}

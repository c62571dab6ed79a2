using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The sizes of a transposed convolution for generated code: [channels, height, width] in, [filters, output height,
/// output width] out, with side' = (side − 1)·stride − 2·padding + kernel.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct TransposedConvolutionShape(int Channels, int Height, int Width, int Filters, int Kernel, int Stride, int Padding)
{
    /// <summary>(height − 1)·stride − 2·padding + kernel.</summary>
    public int OutputHeight => (Height - 1) * Stride - 2 * Padding + Kernel;

    /// <summary>(width − 1)·stride − 2·padding + kernel.</summary>
    public int OutputWidth => (Width - 1) * Stride - 2 * Padding + Kernel;

    /// <summary>Floats of one sample's input.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>Floats of one sample's output.</summary>
    public int OutputSize => Filters * OutputHeight * OutputWidth;

    /// <summary>Floats of the per-sample columns scratch: [input positions, kernel, kernel, filters].</summary>
    public int ColumnsSize => Height * Width * Kernel * Kernel * Filters;

    /// <summary>Floats of the per-sample planes scratch: [output positions, filters].</summary>
    public int PlanesSize => OutputHeight * OutputWidth * Filters;
}

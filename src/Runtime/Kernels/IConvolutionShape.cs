using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one direct convolution (stride 1, no padding, weights [C, K, K, F]), as static members of a
/// struct: <see cref="DirectConvolution"/>'s kernels are generic over it, so each layer shape is compiled with its
/// sizes, strides and block counts as constants. Generated code declares one such struct per distinct convolution.
/// </summary>
/// <remarks>One sample is read as [C, H, W] and written as [F, H − K + 1, W − K + 1] (or pooled, [F, ⌊·/2⌋, ⌊·/2⌋]).</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IConvolutionShape
{
    /// <summary>The input channels C.</summary>
    static abstract int Channels { get; }

    /// <summary>The input height H.</summary>
    static abstract int Height { get; }

    /// <summary>The input width W.</summary>
    static abstract int Width { get; }

    /// <summary>The filters F, the output channels.</summary>
    static abstract int Filters { get; }

    /// <summary>The kernel size K (a K × K window).</summary>
    static abstract int KernelSize { get; }

    /// <summary>max(0, ·) applied to the stored values (after the scale and shift, when <see cref="Scaled"/>).</summary>
    static virtual bool FusedReLU => false;

    /// <summary>
    /// A batch normalisation folded into the convolution at inference: the sums start from zero instead of the bias, and
    /// each filter f's become <c>scale · sum + shift</c>, with scale at <c>bias[f]</c> and shift at <c>bias[Filters + f]</c>
    /// (before a fused pooling's maximum).
    /// </summary>
    static virtual bool Scaled => false;
}

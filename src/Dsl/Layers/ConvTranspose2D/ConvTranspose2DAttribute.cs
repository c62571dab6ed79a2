using System;

namespace DslNet;

/// <summary>
/// A transposed 2-D convolution (PyTorch's <c>ConvTranspose2d</c>, Keras' <c>Conv2DTranspose</c>) over a [channels, height,
/// width] feature map: each input value adds its <c>kernelSize</c>×<c>kernelSize</c> kernel, scaled, into the output at
/// stride steps, so the map grows: output side <c>(side − 1)·Stride − 2·Padding + kernelSize</c>. The learned upsampling of
/// a decoder (U-Net, autoencoders, GAN generators).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ConvTranspose2DAttribute : Attribute
{
    /// <summary>A transposed convolution with <paramref name="filters"/> kernels of <paramref name="kernelSize"/>×<paramref name="kernelSize"/>.</summary>
    /// <param name="filters">The number of output channels, at least 1.</param>
    /// <param name="kernelSize">The kernel's side, at least 1.</param>
    public ConvTranspose2DAttribute(int filters, int kernelSize)
    {
        Filters = filters;
        KernelSize = kernelSize;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's side; kernels are square.</summary>
    public int KernelSize { get; }

    /// <summary>How far apart, in the output, neighbouring inputs place their kernels; 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>
    /// Rows and columns cropped from each side of the full output, as PyTorch's <c>padding</c>; 0 by default. Stride 2,
    /// kernel 4, padding 1 exactly doubles the map.
    /// </summary>
    public int Padding { get; set; }

    /// <summary>Applied to each output; <see cref="DslNet.Activation.Linear"/> by default. Softmax is not allowed here.</summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>convtranspose2d{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

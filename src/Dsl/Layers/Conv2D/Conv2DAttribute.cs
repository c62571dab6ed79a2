using System;

namespace DslNet;

/// <summary>
/// A 2-D convolution over a [channels, height, width] feature map: <c>filters</c> kernels of
/// <c>kernelSize</c>×<c>kernelSize</c>, output [filters, height', width'].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>A convolution with <paramref name="filters"/> kernels of <paramref name="kernelSize"/>×<paramref name="kernelSize"/>.</summary>
    /// <param name="filters">The number of output channels, at least 1.</param>
    /// <param name="kernelSize">The kernel's side, at least 1.</param>
    public Conv2DAttribute(int filters, int kernelSize)
    {
        Filters = filters;
        KernelSize = kernelSize;
    }

    /// <summary>The number of kernels, that is of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's side; kernels are square.</summary>
    public int KernelSize { get; }

    /// <summary>The step between kernel positions, 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary><see cref="Padding.Valid"/> (default) or <see cref="Padding.Same"/>; give this or <see cref="PaddingSize"/>, not both.</summary>
    public Padding Padding { get; set; }

    /// <summary>
    /// PyTorch's integer padding (<c>nn.Conv2d(..., padding=p)</c>): <c>p</c> rows and columns of zeros on each side,
    /// so the output side is <c>(side + 2·p − kernel) / stride + 1</c>; give this or <see cref="Padding"/>, not both.
    /// </summary>
    public int PaddingSize { get; set; }

    /// <summary>Applied to each output; <see cref="DslNet.Activation.Linear"/> by default. Softmax is not allowed here.</summary>
    public Activation Activation { get; set; }

    /// <summary>The layer's name in the parameter layout and generated code; <c>conv2d{n}</c> by default.</summary>
    public string? Name { get; set; }

    /// <summary>The layer this one reads, by name (<c>"input"</c> for the network's input); by default the layer declared before it.</summary>
    public string? From { get; set; }
}

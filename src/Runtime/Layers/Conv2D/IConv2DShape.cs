using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one 2-D convolution layer, as static members of a struct: its unrolling's (<see cref="IIm2ColShape"/>:
/// the image, kernel, stride, padding and output positions), its filter count and its activation.
/// <see cref="Conv2DLayer"/> is generic over it and derives the layer's products and kernels from it, so generated code
/// declares one small struct per convolution layer and the JIT and NativeAOT still see every count as a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IConv2DShape : IIm2ColShape
{
    /// <summary>Filters, the output's channels (F).</summary>
    static abstract int Filters { get; }

    /// <summary>The activation applied to the sums: ReLU is fused into the kernels' store, the others follow them.</summary>
    static virtual Activation Activation => Activation.Linear;
}

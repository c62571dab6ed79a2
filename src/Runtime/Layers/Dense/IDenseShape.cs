using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one Dense layer, y = activation(x·W + b) with x [rows, <see cref="Inputs"/>] and W
/// [<see cref="Inputs"/>, <see cref="Units"/>], as static members of a struct. <see cref="DenseLayer"/> is generic over it
/// and derives the layer's three products from it, so generated code declares one small struct per Dense layer and the
/// JIT and NativeAOT still compile each product with every count and stride a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseShape
{
    /// <summary>Floats in one input row (n).</summary>
    static abstract int Inputs { get; }

    /// <summary>Floats in one output row (m).</summary>
    static abstract int Units { get; }

    /// <summary>The activation applied to x·W + b: ReLU is fused into the product, the others follow it.</summary>
    static virtual Activation Activation => Activation.Linear;
}

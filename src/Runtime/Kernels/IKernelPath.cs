using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// Which vector path the products of a runtime layer (<see cref="DenseLayer"/>, <see cref="Conv2DLayer"/>, <see cref="RecurrentLayer"/>) take, as a
/// struct type argument: <see cref="WidestPath"/> by default (the widest this machine accelerates), or one path forced,
/// as the engine tests do to check every path on one machine. The JIT resolves the calls per struct, so the choice
/// costs nothing at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IKernelPath
{
    /// <summary><see cref="MatMul.Multiply{TShape}"/> on this path.</summary>
    static abstract void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape;

    /// <summary><see cref="PanelMatMul.Multiply{TShape}"/> on this path.</summary>
    static abstract void MultiplyFromPanels<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape;

    /// <summary><see cref="PanelMatMul.PackRight{TShape}"/> on this path: panels in the width its products read.</summary>
    static abstract void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape;

    /// <summary><see cref="DotProductMatMul.Multiply{TShape}"/> on this path.</summary>
    static abstract void MultiplyDotProducts<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape;
}

using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// How <see cref="MatMulTiles"/> sees one part of a panel product: right is a panel, a reduction step
/// <typeparamref name="TPanelWidth"/> floats long (a full panel, or the narrower last one), and left is either the
/// product's left operand or its copied rows, <see cref="IPanelMatMulShape.Slice"/> apart. Result, start, scale and ReLU are
/// the product's. The tiles are called with every ref already at the tile's column, so the column offset is 0.
/// </summary>
internal readonly struct PanelTileShape<TShape, TPanelWidth> : IMatMulShape
    where TShape : struct, IPanelMatMulShape
    where TPanelWidth : struct, IPanelWidth
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Columns; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.LeftCopied ? TShape.Slice : TShape.LeftRowStride; }
    public static int LeftReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.LeftCopied ? 1 : TShape.LeftReductionStride; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TPanelWidth.Value; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.ResultRowStride; }
    public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Start; }
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.FusedReLU; }
    public static int ShiftOffset { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.ShiftOffset; }
}

namespace DslNet.CompilerServices;

/// <summary>
/// How <see cref="MatMulTiles"/> sees one part of a panel product: right is a panel, a reduction step
/// <typeparamref name="TPanelWidth"/> floats long (a full panel, or the narrower last one), and left is either the
/// product's left operand or its copied rows, <see cref="IPanelMatMulShape.Slice"/> apart. Result, start and ReLU are
/// the product's. The tiles are called with every ref already at the tile's column, so the column offset is 0.
/// </summary>
internal readonly struct PanelTileShape<TShape, TPanelWidth> : IMatMulShape
    where TShape : struct, IPanelMatMulShape
    where TPanelWidth : struct, IPanelWidth
{
    public static int Columns => TShape.Columns;
    public static int LeftRowStride => TShape.LeftCopied ? TShape.Slice : TShape.LeftRowStride;
    public static int LeftReductionStride => TShape.LeftCopied ? 1 : TShape.LeftReductionStride;
    public static int RightReductionStride => TPanelWidth.Value;
    public static int ResultRowStride => TShape.ResultRowStride;
    public static MatMulStart Start => TShape.Start;
    public static bool FusedReLU => TShape.FusedReLU;
}

using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// The matrix product of <see cref="MatMul"/> for operands too large to read in place: per reduction slice, right is
/// copied into column panels as wide as the vector path's register tile (and a column-wise left operand into rows),
/// then multiplied panel by panel with <see cref="MatMul"/>'s register tiles, each against every row block. A tile
/// then reads its right vectors from consecutive addresses and writes its result once per slice. Every count, stride
/// and copy comes from the <see cref="IPanelMatMulShape"/> struct it is called with, as a constant. A panel is one
/// register tile wide (<see cref="IRegisterTile"/>: each path's default in <c>PathTiles.cs</c>); the scalar path reads
/// right in place.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PanelMatMul
{
    /// <summary>
    /// A slice whose panels together take at most this many bytes (a short batch's dz) stays cached as a whole: the row
    /// blocks then run outermost, each writing its result rows in order (prefetch-friendly) instead of a panel's strip.
    /// </summary>
    private const long RowsFirstBytes = 256 * 1024;

    /// <summary>
    /// The product on the widest vector path this machine accelerates. <paramref name="rightPanels"/> holds
    /// <c>Slice · Columns</c> floats (filled beforehand by <see cref="PackRight{TShape}"/> when the shape says
    /// <see cref="IPanelMatMulShape.RightPacked"/>); <paramref name="leftRows"/> <c>Rows · Slice</c> floats when the
    /// shape copies left, else it may be null. <paramref name="rows"/> and <paramref name="reduction"/> are read only
    /// where the shape leaves them 0; <paramref name="bias"/> as for <see cref="MatMul.Multiply{TShape}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        if (Vector512.IsHardwareAccelerated) MultiplyVector512<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
        else if (Vector256.IsHardwareAccelerated) MultiplyVector256<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
        else if (Vector128.IsHardwareAccelerated) MultiplyVector128<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
        else MultiplyScalar<TShape>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
    }

    /// <summary>The Vector512 path of <see cref="Multiply{TShape}"/> (runs in software where AVX-512 is missing), with its default tile.</summary>
    public static void MultiplyVector512<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        MultiplyVector512<TShape, Vector512Tile>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <summary>The Vector256 path of <see cref="Multiply{TShape}"/>, with its default tile.</summary>
    public static void MultiplyVector256<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        MultiplyVector256<TShape, Vector256Tile>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <summary>The Vector128 path of <see cref="Multiply{TShape}"/> (ARM64's NEON width), with its default tile.</summary>
    public static void MultiplyVector128<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape =>
        MultiplyVector128<TShape, Vector128Tile>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);

    /// <summary>
    /// The Vector512 path with the register tile <typeparamref name="TTile"/> (panels <c>TTile.Vectors</c> vectors wide):
    /// packed panels must come from <see cref="PackRightVector512{TShape, TTile}"/> with the same tile.
    /// </summary>
    public static void MultiplyVector512<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Vectorised<TShape, Lanes512, Vector512<float>, TileRows<TTile>, TileVectors<TTile>>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
    }

    /// <summary>
    /// The Vector256 path with the register tile <typeparamref name="TTile"/> (panels <c>TTile.Vectors</c> vectors wide):
    /// packed panels must come from <see cref="PackRightVector256{TShape, TTile}"/> with the same tile.
    /// </summary>
    public static void MultiplyVector256<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Vectorised<TShape, Lanes256, Vector256<float>, TileRows<TTile>, TileVectors<TTile>>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
    }

    /// <summary>
    /// The Vector128 path with the register tile <typeparamref name="TTile"/> (panels <c>TTile.Vectors</c> vectors wide):
    /// packed panels must come from <see cref="PackRightVector128{TShape, TTile}"/> with the same tile.
    /// </summary>
    public static void MultiplyVector128<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Vectorised<TShape, Lanes128, Vector128<float>, TileRows<TTile>, TileVectors<TTile>>(ref left, ref right, ref bias, ref result, rightPanels, leftRows, rows, reduction);
    }

    /// <summary>
    /// The scalar path of <see cref="Multiply{TShape}"/>: one float at a time, in the order of the definition, reading
    /// both operands in place (the scratch arrays are not touched).
    /// </summary>
    public static void MultiplyScalar<TShape>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        rows = TShape.Rows > 0 ? TShape.Rows : rows;
        reduction = TShape.Reduction > 0 ? TShape.Reduction : reduction;
        for (nint i = 0; i < rows; i++)
        {
            ref float resultRow = ref Unsafe.Add(ref result, i * TShape.ResultRowStride);
            for (nint j = 0; j < TShape.Columns; j++)
            {
                float sum = TShape.ShiftOffset > 0 ? 0f : TShape.Start switch
                {
                    MatMulStart.Zero => 0f,
                    MatMulStart.Bias => Unsafe.Add(ref bias, j),
                    MatMulStart.RowBias => Unsafe.Add(ref bias, i),
                    _ => Unsafe.Add(ref resultRow, j),
                };
                for (nint k = 0; k < reduction; k++)
                {
                    sum += Unsafe.Add(ref left, i * TShape.LeftRowStride + k * TShape.LeftReductionStride)
                        * Unsafe.Add(ref right, k * TShape.RightReductionStride + j * TShape.RightColumnStride);
                }
                if (TShape.ShiftOffset > 0)
                {
                    nint channel = TShape.Start == MatMulStart.RowBias ? i : j;
                    sum = Unsafe.Add(ref bias, TShape.ShiftOffset + channel) + sum * Unsafe.Add(ref bias, channel);
                }
                Unsafe.Add(ref resultRow, j) = TShape.FusedReLU ? MathF.Max(sum, 0f) : sum;
            }
        }
    }

    /// <summary>
    /// Copies right into <paramref name="rightPanels"/> in the panel width of the widest vector path this machine
    /// accelerates, for a shape with <see cref="IPanelMatMulShape.RightPacked"/>: its products then only read them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void PackRight<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
    {
        if (Vector512.IsHardwareAccelerated) PackRightVector512<TShape>(ref right, rightPanels);
        else if (Vector256.IsHardwareAccelerated) PackRightVector256<TShape>(ref right, rightPanels);
        else if (Vector128.IsHardwareAccelerated) PackRightVector128<TShape>(ref right, rightPanels);
        else PackRightScalar<TShape>(ref right, rightPanels);
    }

    /// <summary>The Vector512 path of <see cref="PackRight{TShape}"/>, in the panels of its default tile.</summary>
    public static void PackRightVector512<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PackRightVector512<TShape, Vector512Tile>(ref right, rightPanels);

    /// <summary>The Vector512 path of <see cref="PackRight{TShape}"/> in the panels of <typeparamref name="TTile"/>.</summary>
    public static void PackRightVector512<TShape, TTile>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Pack<TShape, Lanes512, Vector512<float>, TileVectors<TTile>>(ref right, rightPanels);
    }

    /// <summary>The Vector256 path of <see cref="PackRight{TShape}"/>, in the panels of its default tile.</summary>
    public static void PackRightVector256<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PackRightVector256<TShape, Vector256Tile>(ref right, rightPanels);

    /// <summary>The Vector256 path of <see cref="PackRight{TShape}"/> in the panels of <typeparamref name="TTile"/>.</summary>
    public static void PackRightVector256<TShape, TTile>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Pack<TShape, Lanes256, Vector256<float>, TileVectors<TTile>>(ref right, rightPanels);
    }

    /// <summary>The Vector128 path of <see cref="PackRight{TShape}"/>, in the panels of its default tile.</summary>
    public static void PackRightVector128<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape =>
        PackRightVector128<TShape, Vector128Tile>(ref right, rightPanels);

    /// <summary>The Vector128 path of <see cref="PackRight{TShape}"/> in the panels of <typeparamref name="TTile"/>.</summary>
    public static void PackRightVector128<TShape, TTile>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile
    {
        MatMul.CheckTile<TTile>();
        Pack<TShape, Lanes128, Vector128<float>, TileVectors<TTile>>(ref right, rightPanels);
    }

    /// <summary>The scalar path of <see cref="PackRight{TShape}"/>: nothing to copy, the scalar product reads right in place.</summary>
    public static void PackRightScalar<TShape>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
    {
        CheckShape<TShape>();
        CheckPackedShape<TShape>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Pack<TShape, TLanes, TVector, TTileVectors>(ref float right, float[] rightPanels)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TTileVectors : struct, ITileCount
    {
        CheckShape<TShape>();
        CheckPackedShape<TShape>();
        CheckScratch<TShape>(rightPanels, null, 0);
        PanelCopies.Right<TShape, TLanes, TVector, TTileVectors>(ref right, ref MemoryMarshal.GetArrayDataReference(rightPanels), 0, TShape.Reduction);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Vectorised<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRowBlock : struct, ITileCount
        where TTileVectors : struct, ITileCount
    {
        CheckShape<TShape>();
        rows = TShape.Rows > 0 ? TShape.Rows : rows;
        reduction = TShape.Reduction > 0 ? TShape.Reduction : reduction;
        if (TShape.MinRows > 0 && rows < TShape.MinRows)
        {
            MatMul.Vectorised<TShape, TLanes, TVector, TRowBlock>(ref left, ref right, ref bias, ref result, rows, reduction, TTileVectors.Value);
            return;
        }
        CheckScratch<TShape>(rightPanels, leftRows, rows);
        ref float panels = ref MemoryMarshal.GetArrayDataReference(rightPanels);
        ref float leftCopy = ref TShape.LeftCopied ? ref MemoryMarshal.GetArrayDataReference(leftRows!) : ref Unsafe.NullRef<float>();
        // Slices keep the copies a fixed size (a run-time reduction) and their panels cached; later slices add on. An
        // empty reduction still runs once, so the result gets its start value.
        int k0 = 0;
        do
        {
            int kc = Math.Min(TShape.Slice, reduction - k0);
            if (!TShape.RightPacked) PanelCopies.Right<TShape, TLanes, TVector, TTileVectors>(ref right, ref panels, k0, kc);
            if (TShape.LeftCopied) PanelCopies.Left<TShape>(ref left, ref leftCopy, rows, k0, kc);
            ref float sliceLeft = ref TShape.LeftCopied ? ref leftCopy : ref Unsafe.Add(ref left, (nint)k0 * TShape.LeftReductionStride);
            Slice<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref sliceLeft, ref panels, ref bias, ref result, rows, kc, first: k0 == 0, last: k0 + kc >= reduction);
            k0 += kc;
        }
        while (k0 < reduction);
    }

    /// <summary>One reduction slice over every row and column, from the panels.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Slice<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref float left, ref float panels, ref float bias, ref float result, int rows, int kc, bool first, bool last)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRowBlock : struct, ITileCount
        where TTileVectors : struct, ITileCount
    {
        nint width = FullPanel<TLanes, TVector, TTileVectors>.Value;
        nint full = TShape.Columns / width * width;
        if ((long)TShape.Slice * TShape.Columns * sizeof(float) <= RowsFirstBytes)
        {
            // The slice's panels fit in cache together: each row block runs across all of them, its result rows in order.
            RowBlocks<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref left, ref panels, ref bias, ref result, rows, kc, first, last, 0, full, tail: true);
            return;
        }
        // One panel at a time against every row block: the panel stays cached while the left rows pass.
        for (nint j = 0; j < full; j += width)
        {
            RowBlocks<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref left, ref panels, ref bias, ref result, rows, kc, first, last, j, j + width, tail: false);
        }
        if (full < TShape.Columns)
        {
            RowBlocks<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref left, ref panels, ref bias, ref result, rows, kc, first, last, full, full, tail: true);
        }
    }

    /// <summary>
    /// The rows in blocks of <typeparamref name="TRowBlock"/>, across the full panels from column
    /// <paramref name="from"/> to <paramref name="to"/> (and the last, narrower panel when <paramref name="tail"/>):
    /// a constant row count ends with one block of what is left; a run-time one with a block of 4, one of 2, and lone rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowBlocks<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref float left, ref float panels, ref float bias, ref float result, int rows, int kc, bool first, bool last, nint from, nint to, bool tail)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRowBlock : struct, ITileCount
        where TTileVectors : struct, ITileCount
    {
        nint i = 0;
        if (TShape.Rows > 0)
        {
            nint blocked = TShape.Rows - TShape.Rows % TRowBlock.Value;
            for (; i < blocked; i += TRowBlock.Value)
            {
                Block<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail);
            }
            switch (TShape.Rows % TRowBlock.Value)
            {
                case 1: Block<TShape, TLanes, TVector, Count1, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail); break;
                case 2: Block<TShape, TLanes, TVector, Count2, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail); break;
                case 3: Block<TShape, TLanes, TVector, Count3, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail); break;
                case 4: Block<TShape, TLanes, TVector, Count4, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail); break;
                case 5: Block<TShape, TLanes, TVector, Count5, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail); break;
            }
            return;
        }
        for (; i + TRowBlock.Value <= rows; i += TRowBlock.Value)
        {
            Block<TShape, TLanes, TVector, TRowBlock, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail);
        }
        if (TRowBlock.Value > 4 && i + 4 <= rows)
        {
            Block<TShape, TLanes, TVector, Count4, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail);
            i += 4;
        }
        if (i + 2 <= rows)
        {
            Block<TShape, TLanes, TVector, Count2, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail);
            i += 2;
        }
        for (; i < rows; i++)
        {
            Block<TShape, TLanes, TVector, Count1, TTileVectors>(ref left, ref panels, ref bias, ref result, i, kc, first, last, from, to, tail);
        }
    }

    /// <summary>
    /// One block of <typeparamref name="TRows"/> rows: a tile per full panel, then the last panel as one tile per
    /// vector width that fits (the widest first, then 8, 4 and single floats). Each tile gets its refs at its column.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block<TShape, TLanes, TVector, TRows, TTileVectors>(ref float left, ref float panels, ref float bias, ref float result, nint i, int kc, bool first, bool last, nint from, nint to, bool tail)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
        where TTileVectors : struct, ITileCount
    {
        nint width = FullPanel<TLanes, TVector, TTileVectors>.Value;
        for (nint j = from; j < to; j += width)
        {
            MatMul.Tile<PanelTileShape<TShape, FullPanel<TLanes, TVector, TTileVectors>>, TLanes, TVector, TRows>(
                ref left, ref Unsafe.Add(ref panels, j * TShape.Slice), ref BiasAt<TShape>(ref bias, j), ref Unsafe.Add(ref result, j), i, 0, 0, kc, first, last, TTileVectors.Value);
        }
        if (!tail || TShape.Columns % width == 0) return;
        nint full = TShape.Columns / width * width;
        ref float lastPanel = ref Unsafe.Add(ref panels, full * TShape.Slice);
        nint column = full;
        int vectors = (int)(TShape.Columns - column) / TLanes.Count;
        if (vectors > 0)
        {
            MatMul.Tile<PanelTileShape<TShape, TailPanel<TShape, FullPanel<TLanes, TVector, TTileVectors>>>, TLanes, TVector, TRows>(
                ref left, ref lastPanel, ref BiasAt<TShape>(ref bias, column), ref Unsafe.Add(ref result, column), i, 0, 0, kc, first, last, vectors);
            column += vectors * TLanes.Count;
        }
        if (TLanes.Count > 8 && TShape.Columns - column >= 8)
        {
            MatMul.Tile<PanelTileShape<TShape, TailPanel<TShape, FullPanel<TLanes, TVector, TTileVectors>>>, Lanes256, Vector256<float>, TRows>(
                ref left, ref Unsafe.Add(ref lastPanel, column - full), ref BiasAt<TShape>(ref bias, column), ref Unsafe.Add(ref result, column), i, 0, 0, kc, first, last, 1);
            column += 8;
        }
        if (TLanes.Count > 4 && TShape.Columns - column >= 4)
        {
            MatMul.Tile<PanelTileShape<TShape, TailPanel<TShape, FullPanel<TLanes, TVector, TTileVectors>>>, Lanes128, Vector128<float>, TRows>(
                ref left, ref Unsafe.Add(ref lastPanel, column - full), ref BiasAt<TShape>(ref bias, column), ref Unsafe.Add(ref result, column), i, 0, 0, kc, first, last, 1);
            column += 4;
        }
        int singles = (int)(TShape.Columns - column);
        if (singles > 0)
        {
            MatMul.Tile<PanelTileShape<TShape, TailPanel<TShape, FullPanel<TLanes, TVector, TTileVectors>>>, Lanes1, float, TRows>(
                ref left, ref Unsafe.Add(ref lastPanel, column - full), ref BiasAt<TShape>(ref bias, column), ref Unsafe.Add(ref result, column), i, 0, 0, kc, first, last, singles);
        }
    }

    /// <summary>The bias a tile at <paramref name="column"/> starts from: per column it moves with the tile, per row (or none) it does not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float BiasAt<TShape>(ref float bias, nint column)
        where TShape : struct, IMatMulShape =>
        ref TShape.Start == MatMulStart.Bias ? ref Unsafe.Add(ref bias, column) : ref bias;

    /// <summary>Shapes the kernel cannot run, refused once per call (each test is a JIT-time constant, so it costs nothing when it passes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape<TShape>()
        where TShape : struct, IPanelMatMulShape
    {
        if (TShape.Slice <= 0 || TShape.Columns < 0) ThrowShape<TShape>("a positive Slice and a column count of at least 0");
        if (TShape.MinRows > 0 && (TShape.RightColumnStride != 1 || TShape.LeftCopied || TShape.RightPacked))
        {
            ThrowShape<TShape>("MinRows only with right's columns contiguous (RightColumnStride 1), left read in place and right not packed beforehand");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckPackedShape<TShape>()
        where TShape : struct, IPanelMatMulShape
    {
        if (!TShape.RightPacked || TShape.Reduction <= 0 || TShape.Reduction > TShape.Slice)
        {
            ThrowShape<TShape>("RightPacked, with a constant Reduction of at most Slice (the whole of right in one slice of panels)");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckScratch<TShape>(float[] rightPanels, float[]? leftRows, int rows)
        where TShape : struct, IPanelMatMulShape
    {
        if (rightPanels is null || rightPanels.Length < (long)TShape.Slice * TShape.Columns)
        {
            ThrowScratch<TShape>(nameof(rightPanels), (long)TShape.Slice * TShape.Columns, rightPanels?.Length);
        }
        if (TShape.LeftCopied && (leftRows is null || leftRows.Length < (long)rows * TShape.Slice))
        {
            ThrowScratch<TShape>(nameof(leftRows), (long)rows * TShape.Slice, leftRows?.Length);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape<TShape>(string expected) =>
        throw new ArgumentException($"The panel product shape {typeof(TShape).Name} cannot be multiplied from panels: expected {expected}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowScratch<TShape>(string name, long needed, int? length) =>
        throw new ArgumentException(
            $"The panel product {typeof(TShape).Name} needs {needed} floats of scratch in {name}, got {(length is int l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}.", name);
}

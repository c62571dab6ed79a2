using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// The register-tiled matrix product <c>result[i, j] = start + Σ_k left[i, k] · right[k, j]</c>, written once and
/// specialised per shape: every count and stride comes from the static members of the <see cref="IMatMulShape"/> struct it is called with, so the
/// JIT and NativeAOT compile each shape with them as constants. Each vector path's register tile is an
/// <see cref="IRegisterTile"/> type argument, its default set in <c>PathTiles.cs</c>; run-time row counts finish with a block of 4, one of 2 (twice the vectors per
/// row) and lone rows (16 vectors); the columns past the last whole tile take the widest vectors that fit, then
/// narrower ones, then single floats.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatMul
{
    // A lone row (batch 1) reads every weight once, so its speed is how fast the weights stream in: 16 vectors read
    // a 128-float weight row (W3's first layer) whole in one pass.
    private const int LoneRowVectors = 16;

    /// <summary>
    /// The product on the widest vector path this machine accelerates. <paramref name="rows"/> and
    /// <paramref name="reduction"/> are read only where <typeparamref name="TShape"/> leaves them 0 (run-time counts);
    /// <paramref name="bias"/> only for <see cref="MatMulStart.Bias"/> and <see cref="MatMulStart.RowBias"/>
    /// (pass <c>ref Unsafe.NullRef&lt;float&gt;()</c> otherwise), where a shape with <see cref="IMatMulShape.ShiftOffset"/>
    /// finds the scales and shifts instead of a bias.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape
    {
        if (Vector512.IsHardwareAccelerated) MultiplyVector512<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);
        else if (Vector256.IsHardwareAccelerated) MultiplyVector256<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);
        else if (Vector128.IsHardwareAccelerated) MultiplyVector128<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);
        else MultiplyScalar<TShape>(ref left, ref right, ref bias, ref result, rows, reduction);
    }

    /// <summary>The Vector512 path of <see cref="Multiply{TShape}"/> (runs in software where AVX-512 is missing), with its default tile.</summary>
    public static void MultiplyVector512<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MultiplyVector512<TShape, Vector512Tile>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <summary>The Vector256 path of <see cref="Multiply{TShape}"/>, with its default tile.</summary>
    public static void MultiplyVector256<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MultiplyVector256<TShape, Vector256Tile>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <summary>The Vector128 path of <see cref="Multiply{TShape}"/> (ARM64's NEON width), with its default tile.</summary>
    public static void MultiplyVector128<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape =>
        MultiplyVector128<TShape, Vector128Tile>(ref left, ref right, ref bias, ref result, rows, reduction);

    /// <summary>The Vector512 path with the register tile <typeparamref name="TTile"/>: how the kernel micro-bench compares tiles.</summary>
    public static void MultiplyVector512<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape
        where TTile : struct, IRegisterTile
    {
        CheckTile<TTile>();
        Vectorised<TShape, Lanes512, Vector512<float>, TileRows<TTile>>(ref left, ref right, ref bias, ref result, rows, reduction, TTile.Vectors);
    }

    /// <summary>The Vector256 path with the register tile <typeparamref name="TTile"/>.</summary>
    public static void MultiplyVector256<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape
        where TTile : struct, IRegisterTile
    {
        CheckTile<TTile>();
        Vectorised<TShape, Lanes256, Vector256<float>, TileRows<TTile>>(ref left, ref right, ref bias, ref result, rows, reduction, TTile.Vectors);
    }

    /// <summary>The Vector128 path with the register tile <typeparamref name="TTile"/>.</summary>
    public static void MultiplyVector128<TShape, TTile>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape
        where TTile : struct, IRegisterTile
    {
        CheckTile<TTile>();
        Vectorised<TShape, Lanes128, Vector128<float>, TileRows<TTile>>(ref left, ref right, ref bias, ref result, rows, reduction, TTile.Vectors);
    }

    /// <summary>Refuses a tile the register tiles cannot hold (a JIT-time constant test: free when it passes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckTile<TTile>()
        where TTile : struct, IRegisterTile
    {
        if (TTile.Rows is < 1 or > 6 || TTile.Vectors is < 1 or > 4) ThrowTile<TTile>();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTile<TTile>()
        where TTile : struct, IRegisterTile =>
        throw new ArgumentException(
            $"The register tile {typeof(TTile).Name} has {TTile.Rows} rows × {TTile.Vectors} vectors; a tile has 1 to 6 rows and 1 to 4 vectors.", nameof(TTile));

    /// <summary>The scalar path of <see cref="Multiply{TShape}"/>: one float at a time, in the order of the definition.</summary>
    public static void MultiplyScalar<TShape>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction)
        where TShape : struct, IMatMulShape
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
                    sum += Unsafe.Add(ref left, i * TShape.LeftRowStride + k * TShape.LeftReductionStride) * Unsafe.Add(ref right, k * TShape.RightReductionStride + j);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Vectorised<TShape, TLanes, TVector, TRowBlock>(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction, int tileVectors)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRowBlock : struct, ITileCount
    {
        rows = TShape.Rows > 0 ? TShape.Rows : rows;
        reduction = TShape.Reduction > 0 ? TShape.Reduction : reduction;
        if (TShape.ReductionChunk <= 0 || reduction == 0)
        {
            RowBlocks<TShape, TLanes, TVector, TRowBlock>(ref left, ref right, ref bias, ref result, rows, 0, reduction, first: true, last: true, tileVectors);
            return;
        }
        // A long reduction in slices, so the slice of right the row blocks share stays in cache.
        for (int k0 = 0; k0 < reduction; k0 += TShape.ReductionChunk)
        {
            int kc = Math.Min(TShape.ReductionChunk, reduction - k0);
            RowBlocks<TShape, TLanes, TVector, TRowBlock>(ref left, ref right, ref bias, ref result, rows, k0, kc, first: k0 == 0, last: k0 + kc == reduction, tileVectors);
        }
    }

    /// <summary>
    /// The rows in blocks of <typeparamref name="TRowBlock"/>, then what is left: batches are often multiples of 4 but
    /// not of 6, two rows share their loads with twice the vectors per row, and a lone row has no rows to share its
    /// loads with, so it keeps 16 independent accumulators in flight to hide the latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowBlocks<TShape, TLanes, TVector, TRowBlock>(ref float left, ref float right, ref float bias, ref float result, int rows, int k0, int kc, bool first, bool last, int tileVectors)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRowBlock : struct, ITileCount
    {
        nint i = 0;
        for (; i + TRowBlock.Value <= rows; i += TRowBlock.Value)
        {
            RowBlock<TShape, TLanes, TVector, TRowBlock>(ref left, ref right, ref bias, ref result, i, k0, kc, first, last, tileVectors);
        }
        if (TRowBlock.Value > 4 && i + 4 <= rows)
        {
            RowBlock<TShape, TLanes, TVector, Count4>(ref left, ref right, ref bias, ref result, i, k0, kc, first, last, tileVectors);
            i += 4;
        }
        if (i + 2 <= rows)
        {
            RowBlock<TShape, TLanes, TVector, Count2>(ref left, ref right, ref bias, ref result, i, k0, kc, first, last, 2 * tileVectors);
            i += 2;
        }
        for (; i < rows; i++)
        {
            RowBlock<TShape, TLanes, TVector, Count1>(ref left, ref right, ref bias, ref result, i, k0, kc, first, last, LoneRowVectors);
        }
    }

    /// <summary>
    /// One block of rows across every column: whole tiles of <paramref name="vectorsPerTile"/> vectors, then the tail as
    /// one tile per width that fits (the widest vectors first, then 8, 4 and single floats).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RowBlock<TShape, TLanes, TVector, TRows>(ref float left, ref float right, ref float bias, ref float result, nint i, nint k0, int kc, bool first, bool last, int vectorsPerTile)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
    {
        int tile = TLanes.Count * vectorsPerTile;
        int full = TShape.Columns / tile * tile;
        for (nint j = 0; j < full; j += tile)
        {
            Tile<TShape, TLanes, TVector, TRows>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last, vectorsPerTile);
        }
        int column = full;
        int vectors = (TShape.Columns - column) / TLanes.Count;
        if (vectors > 0) Tile<TShape, TLanes, TVector, TRows>(ref left, ref right, ref bias, ref result, i, column, k0, kc, first, last, vectors);
        column += vectors * TLanes.Count;
        if (TLanes.Count > 8 && TShape.Columns - column >= 8)
        {
            Tile<TShape, Lanes256, Vector256<float>, TRows>(ref left, ref right, ref bias, ref result, i, column, k0, kc, first, last, 1);
            column += 8;
        }
        if (TLanes.Count > 4 && TShape.Columns - column >= 4)
        {
            Tile<TShape, Lanes128, Vector128<float>, TRows>(ref left, ref right, ref bias, ref result, i, column, k0, kc, first, last, 1);
            column += 4;
        }
        int singles = TShape.Columns - column;
        if (singles > 0) Tile<TShape, Lanes1, float, TRows>(ref left, ref right, ref bias, ref result, i, column, k0, kc, first, last, singles);
    }

    /// <summary>Picks the tile of <paramref name="vectors"/> vectors (a JIT-time constant here, so one branch remains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Tile<TShape, TLanes, TVector, TRows>(ref float left, ref float right, ref float bias, ref float result, nint i, nint j, nint k0, int kc, bool first, bool last, int vectors)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
    {
        switch (vectors)
        {
            case 1: MatMulTiles.Grid<TShape, TLanes, TVector, TRows, Count1>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 2: MatMulTiles.Grid<TShape, TLanes, TVector, TRows, Count2>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 3: MatMulTiles.Grid<TShape, TLanes, TVector, TRows, Count3>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 4 when TRows.Value > 2: MatMulTiles.Grid<TShape, TLanes, TVector, TRows, Count4>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 4: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count4>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 5: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count5>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 6: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count6>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 7: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count7>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 8: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count8>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 9: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count9>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 10: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count10>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 11: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count11>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 12: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count12>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 13: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count13>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 14: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count14>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            case 15: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count15>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
            default: MatMulTiles.Wide<TShape, TLanes, TVector, TRows, Count16>(ref left, ref right, ref bias, ref result, i, j, k0, kc, first, last); break;
        }
    }
}

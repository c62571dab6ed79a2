using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>The copies <see cref="PanelMatMul"/> multiplies from: right into column panels, a column-wise left into rows.</summary>
internal static class PanelCopies
{
    /// <summary>
    /// right[k0 + k, j] for k &lt; kc into the panels: panel p (columns p · width …) at p · width · Slice, one row of the
    /// panel width per reduction step; the columns past the last full panel into a last, narrower panel after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Right<TShape, TLanes, TVector, TTileVectors>(ref float right, ref float panels, int k0, int kc)
        where TShape : struct, IPanelMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TTileVectors : struct, ITileCount
    {
        nint width = FullPanel<TLanes, TVector, TTileVectors>.Value;
        nint full = TShape.Columns / width * width;
        nint tail = TShape.Columns - full;
        nint sliceStart = (nint)k0 * TShape.RightReductionStride;
        if (TShape.RightColumnStride == 1)
        {
            // right's rows, a panel width at a time.
            for (nint j = 0; j < full; j += width)
            {
                ref float source = ref Unsafe.Add(ref right, sliceStart + j);
                ref float panel = ref Unsafe.Add(ref panels, j * TShape.Slice);
                for (int k = 0; k < kc; k++)
                {
                    TLanes.Store(TLanes.Load(ref source, 0), ref panel, 0);
                    if (TTileVectors.Value > 1) TLanes.Store(TLanes.Load(ref source, TLanes.Count), ref panel, TLanes.Count);
                    if (TTileVectors.Value > 2) TLanes.Store(TLanes.Load(ref source, 2 * TLanes.Count), ref panel, 2 * TLanes.Count);
                    if (TTileVectors.Value > 3) TLanes.Store(TLanes.Load(ref source, 3 * TLanes.Count), ref panel, 3 * TLanes.Count);
                    source = ref Unsafe.Add(ref source, TShape.RightReductionStride);
                    panel = ref Unsafe.Add(ref panel, width);
                }
            }
            if (tail > 0)
            {
                ref float source = ref Unsafe.Add(ref right, sliceStart + full);
                ref float panel = ref Unsafe.Add(ref panels, full * TShape.Slice);
                for (int k = 0; k < kc; k++)
                {
                    for (nint c = 0; c < tail; c++) Unsafe.Add(ref panel, c) = Unsafe.Add(ref source, c);
                    source = ref Unsafe.Add(ref source, TShape.RightReductionStride);
                    panel = ref Unsafe.Add(ref panel, tail);
                }
            }
            return;
        }
        // right read down its rows (Wᵀ): each of its columns runs along the reduction and becomes one lane of its panel.
        // Eight columns at a time fill eight lanes with one store per reduction step, half the time of a float at a time;
        // four where the panel width is not a multiple of eight (three 128-bit vectors), so a store never straddles two panels.
        nint chunk = width % 8 == 0 ? 8 : 4;
        for (nint j = 0; j < full; j += chunk)
        {
            ref float source = ref Unsafe.Add(ref right, j * TShape.RightColumnStride + sliceStart);
            ref float panel = ref Unsafe.Add(ref panels, j / width * width * TShape.Slice + j % width);
            for (nint k = 0; k < kc; k++)
            {
                ref float row = ref Unsafe.Add(ref source, k * TShape.RightReductionStride);
                if (chunk == 8) StoreEight<TShape>(ref row, ref Unsafe.Add(ref panel, k * width));
                else StoreFour<TShape>(ref row, ref Unsafe.Add(ref panel, k * width));
            }
        }
        for (nint j = full; j < TShape.Columns; j++)
        {
            ref float source = ref Unsafe.Add(ref right, j * TShape.RightColumnStride + sliceStart);
            ref float panel = ref Unsafe.Add(ref panels, full * TShape.Slice + j - full);
            for (nint k = 0; k < kc; k++) Unsafe.Add(ref panel, k * tail) = Unsafe.Add(ref source, k * TShape.RightReductionStride);
        }
    }

    /// <summary>Eight floats a column stride apart, from <paramref name="source"/>, into eight consecutive lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEight<TShape>(ref float source, ref float destination)
        where TShape : struct, IPanelMatMulShape
    {
        nint stride = TShape.RightColumnStride;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256.Create(
                source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride),
                Unsafe.Add(ref source, 4 * stride), Unsafe.Add(ref source, 5 * stride), Unsafe.Add(ref source, 6 * stride), Unsafe.Add(ref source, 7 * stride))
                .StoreUnsafe(ref destination);
            return;
        }
        Vector128.Create(source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride)).StoreUnsafe(ref destination);
        Vector128.Create(Unsafe.Add(ref source, 4 * stride), Unsafe.Add(ref source, 5 * stride), Unsafe.Add(ref source, 6 * stride), Unsafe.Add(ref source, 7 * stride))
            .StoreUnsafe(ref Unsafe.Add(ref destination, 4));
    }

    /// <summary>Four floats a column stride apart, from <paramref name="source"/>, into four consecutive lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFour<TShape>(ref float source, ref float destination)
        where TShape : struct, IPanelMatMulShape
    {
        nint stride = TShape.RightColumnStride;
        Vector128.Create(source, Unsafe.Add(ref source, stride), Unsafe.Add(ref source, 2 * stride), Unsafe.Add(ref source, 3 * stride)).StoreUnsafe(ref destination);
    }

    /// <summary>
    /// left[i, k0 + k] for k &lt; kc into leftRows[i · Slice + k]: the reduction step outermost, so left is read along its
    /// contiguous rows (its columns run down memory a row apart: xᵀ). Rows a constant Slice apart let a tile's rows share
    /// one ref at constant offsets.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Left<TShape>(ref float left, ref float leftRows, int rows, int k0, int kc)
        where TShape : struct, IPanelMatMulShape
    {
        for (nint k = 0; k < kc; k++)
        {
            ref float source = ref Unsafe.Add(ref left, (k0 + k) * TShape.LeftReductionStride);
            ref float row = ref Unsafe.Add(ref leftRows, k);
            for (nint i = 0; i < rows; i++) Unsafe.Add(ref row, i * TShape.Slice) = Unsafe.Add(ref source, i * TShape.LeftRowStride);
        }
    }
}

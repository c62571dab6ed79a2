using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// The register tiles of <see cref="MatMul"/>: TRows result rows × TVectors vectors of TLanes, every accumulator a local the JIT keeps in a register. Each tile is written
/// for its largest size with every accumulator guarded by a JIT-time constant, so a specialisation keeps exactly the
/// accumulators, loads and multiply-adds its counts need. Inside the reduction loop one ref per operand advances by a
/// constant stride; left rows a constant stride apart are read at constant offsets from one ref (a ref per row would
/// take general registers the JIT then spills).
/// </summary>
internal static class MatMulTiles
{
    /// <summary>Up to 6 rows × 4 vectors: the right vectors are loaded once per reduction step and each row's value broadcast against them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Grid<TShape, TLanes, TVector, TRows, TVectors>(
        ref float left, ref float right, ref float bias, ref float result, nint i, nint j, nint k0, int kc, bool first, bool last)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
        where TVectors : struct, ITileCount
    {
        nint width = TLanes.Count;
        ref float result0 = ref Unsafe.Add(ref result, (i + 0) * TShape.ResultRowStride + j);
        ref float result1 = ref Unsafe.Add(ref result, (i + 1) * TShape.ResultRowStride + j);
        ref float result2 = ref Unsafe.Add(ref result, (i + 2) * TShape.ResultRowStride + j);
        ref float result3 = ref Unsafe.Add(ref result, (i + 3) * TShape.ResultRowStride + j);
        ref float result4 = ref Unsafe.Add(ref result, (i + 4) * TShape.ResultRowStride + j);
        ref float result5 = ref Unsafe.Add(ref result, (i + 5) * TShape.ResultRowStride + j);
        TVector a0_0 = Initial<TShape, TLanes, TVector>(ref bias, ref result0, 0 * width, i + 0, j + 0 * width, first);
        TVector a0_1 = TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 1 * width, i + 0, j + 1 * width, first) : default;
        TVector a0_2 = TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 2 * width, i + 0, j + 2 * width, first) : default;
        TVector a0_3 = TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 3 * width, i + 0, j + 3 * width, first) : default;
        TVector a1_0 = TRows.Value > 1 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 0 * width, i + 1, j + 0 * width, first) : default;
        TVector a1_1 = TRows.Value > 1 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 1 * width, i + 1, j + 1 * width, first) : default;
        TVector a1_2 = TRows.Value > 1 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 2 * width, i + 1, j + 2 * width, first) : default;
        TVector a1_3 = TRows.Value > 1 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 3 * width, i + 1, j + 3 * width, first) : default;
        TVector a2_0 = TRows.Value > 2 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result2, 0 * width, i + 2, j + 0 * width, first) : default;
        TVector a2_1 = TRows.Value > 2 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result2, 1 * width, i + 2, j + 1 * width, first) : default;
        TVector a2_2 = TRows.Value > 2 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result2, 2 * width, i + 2, j + 2 * width, first) : default;
        TVector a2_3 = TRows.Value > 2 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result2, 3 * width, i + 2, j + 3 * width, first) : default;
        TVector a3_0 = TRows.Value > 3 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result3, 0 * width, i + 3, j + 0 * width, first) : default;
        TVector a3_1 = TRows.Value > 3 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result3, 1 * width, i + 3, j + 1 * width, first) : default;
        TVector a3_2 = TRows.Value > 3 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result3, 2 * width, i + 3, j + 2 * width, first) : default;
        TVector a3_3 = TRows.Value > 3 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result3, 3 * width, i + 3, j + 3 * width, first) : default;
        TVector a4_0 = TRows.Value > 4 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result4, 0 * width, i + 4, j + 0 * width, first) : default;
        TVector a4_1 = TRows.Value > 4 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result4, 1 * width, i + 4, j + 1 * width, first) : default;
        TVector a4_2 = TRows.Value > 4 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result4, 2 * width, i + 4, j + 2 * width, first) : default;
        TVector a4_3 = TRows.Value > 4 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result4, 3 * width, i + 4, j + 3 * width, first) : default;
        TVector a5_0 = TRows.Value > 5 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result5, 0 * width, i + 5, j + 0 * width, first) : default;
        TVector a5_1 = TRows.Value > 5 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result5, 1 * width, i + 5, j + 1 * width, first) : default;
        TVector a5_2 = TRows.Value > 5 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result5, 2 * width, i + 5, j + 2 * width, first) : default;
        TVector a5_3 = TRows.Value > 5 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result5, 3 * width, i + 5, j + 3 * width, first) : default;
        ref float leftRow = ref Unsafe.Add(ref left, i * TShape.LeftRowStride + k0 * TShape.LeftReductionStride);
        ref float rightRow = ref Unsafe.Add(ref right, k0 * TShape.RightReductionStride + j);
        for (int k = 0; k < kc; k++)
        {
            TVector w0 = TLanes.Load(ref rightRow, 0);
            TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref rightRow, 1 * width) : default;
            TVector w2 = TVectors.Value > 2 ? TLanes.Load(ref rightRow, 2 * width) : default;
            TVector w3 = TVectors.Value > 3 ? TLanes.Load(ref rightRow, 3 * width) : default;
            {
                TVector x = TLanes.Broadcast(leftRow);
                a0_0 = TLanes.MultiplyAdd(w0, x, a0_0);
                if (TVectors.Value > 1) a0_1 = TLanes.MultiplyAdd(w1, x, a0_1);
                if (TVectors.Value > 2) a0_2 = TLanes.MultiplyAdd(w2, x, a0_2);
                if (TVectors.Value > 3) a0_3 = TLanes.MultiplyAdd(w3, x, a0_3);
            }
            if (TRows.Value > 1)
            {
                TVector x = TLanes.Broadcast(Unsafe.Add(ref leftRow, 1 * TShape.LeftRowStride));
                a1_0 = TLanes.MultiplyAdd(w0, x, a1_0);
                if (TVectors.Value > 1) a1_1 = TLanes.MultiplyAdd(w1, x, a1_1);
                if (TVectors.Value > 2) a1_2 = TLanes.MultiplyAdd(w2, x, a1_2);
                if (TVectors.Value > 3) a1_3 = TLanes.MultiplyAdd(w3, x, a1_3);
            }
            if (TRows.Value > 2)
            {
                TVector x = TLanes.Broadcast(Unsafe.Add(ref leftRow, 2 * TShape.LeftRowStride));
                a2_0 = TLanes.MultiplyAdd(w0, x, a2_0);
                if (TVectors.Value > 1) a2_1 = TLanes.MultiplyAdd(w1, x, a2_1);
                if (TVectors.Value > 2) a2_2 = TLanes.MultiplyAdd(w2, x, a2_2);
                if (TVectors.Value > 3) a2_3 = TLanes.MultiplyAdd(w3, x, a2_3);
            }
            if (TRows.Value > 3)
            {
                TVector x = TLanes.Broadcast(Unsafe.Add(ref leftRow, 3 * TShape.LeftRowStride));
                a3_0 = TLanes.MultiplyAdd(w0, x, a3_0);
                if (TVectors.Value > 1) a3_1 = TLanes.MultiplyAdd(w1, x, a3_1);
                if (TVectors.Value > 2) a3_2 = TLanes.MultiplyAdd(w2, x, a3_2);
                if (TVectors.Value > 3) a3_3 = TLanes.MultiplyAdd(w3, x, a3_3);
            }
            if (TRows.Value > 4)
            {
                TVector x = TLanes.Broadcast(Unsafe.Add(ref leftRow, 4 * TShape.LeftRowStride));
                a4_0 = TLanes.MultiplyAdd(w0, x, a4_0);
                if (TVectors.Value > 1) a4_1 = TLanes.MultiplyAdd(w1, x, a4_1);
                if (TVectors.Value > 2) a4_2 = TLanes.MultiplyAdd(w2, x, a4_2);
                if (TVectors.Value > 3) a4_3 = TLanes.MultiplyAdd(w3, x, a4_3);
            }
            if (TRows.Value > 5)
            {
                TVector x = TLanes.Broadcast(Unsafe.Add(ref leftRow, 5 * TShape.LeftRowStride));
                a5_0 = TLanes.MultiplyAdd(w0, x, a5_0);
                if (TVectors.Value > 1) a5_1 = TLanes.MultiplyAdd(w1, x, a5_1);
                if (TVectors.Value > 2) a5_2 = TLanes.MultiplyAdd(w2, x, a5_2);
                if (TVectors.Value > 3) a5_3 = TLanes.MultiplyAdd(w3, x, a5_3);
            }
            leftRow = ref Unsafe.Add(ref leftRow, TShape.LeftReductionStride);
            rightRow = ref Unsafe.Add(ref rightRow, TShape.RightReductionStride);
        }
        Finish<TShape, TLanes, TVector>(a0_0, ref result0, 0 * width, last, ref bias, i + 0, j + 0 * width);
        if (TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a0_1, ref result0, 1 * width, last, ref bias, i + 0, j + 1 * width);
        if (TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a0_2, ref result0, 2 * width, last, ref bias, i + 0, j + 2 * width);
        if (TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a0_3, ref result0, 3 * width, last, ref bias, i + 0, j + 3 * width);
        if (TRows.Value > 1 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a1_0, ref result1, 0 * width, last, ref bias, i + 1, j + 0 * width);
        if (TRows.Value > 1 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a1_1, ref result1, 1 * width, last, ref bias, i + 1, j + 1 * width);
        if (TRows.Value > 1 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a1_2, ref result1, 2 * width, last, ref bias, i + 1, j + 2 * width);
        if (TRows.Value > 1 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a1_3, ref result1, 3 * width, last, ref bias, i + 1, j + 3 * width);
        if (TRows.Value > 2 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a2_0, ref result2, 0 * width, last, ref bias, i + 2, j + 0 * width);
        if (TRows.Value > 2 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a2_1, ref result2, 1 * width, last, ref bias, i + 2, j + 1 * width);
        if (TRows.Value > 2 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a2_2, ref result2, 2 * width, last, ref bias, i + 2, j + 2 * width);
        if (TRows.Value > 2 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a2_3, ref result2, 3 * width, last, ref bias, i + 2, j + 3 * width);
        if (TRows.Value > 3 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a3_0, ref result3, 0 * width, last, ref bias, i + 3, j + 0 * width);
        if (TRows.Value > 3 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a3_1, ref result3, 1 * width, last, ref bias, i + 3, j + 1 * width);
        if (TRows.Value > 3 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a3_2, ref result3, 2 * width, last, ref bias, i + 3, j + 2 * width);
        if (TRows.Value > 3 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a3_3, ref result3, 3 * width, last, ref bias, i + 3, j + 3 * width);
        if (TRows.Value > 4 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a4_0, ref result4, 0 * width, last, ref bias, i + 4, j + 0 * width);
        if (TRows.Value > 4 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a4_1, ref result4, 1 * width, last, ref bias, i + 4, j + 1 * width);
        if (TRows.Value > 4 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a4_2, ref result4, 2 * width, last, ref bias, i + 4, j + 2 * width);
        if (TRows.Value > 4 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a4_3, ref result4, 3 * width, last, ref bias, i + 4, j + 3 * width);
        if (TRows.Value > 5 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a5_0, ref result5, 0 * width, last, ref bias, i + 5, j + 0 * width);
        if (TRows.Value > 5 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a5_1, ref result5, 1 * width, last, ref bias, i + 5, j + 1 * width);
        if (TRows.Value > 5 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a5_2, ref result5, 2 * width, last, ref bias, i + 5, j + 2 * width);
        if (TRows.Value > 5 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a5_3, ref result5, 3 * width, last, ref bias, i + 5, j + 3 * width);
    }

    /// <summary>One row × up to 16 vectors, or two rows × up to 8: the left values are broadcast once and each right vector loaded, used by both rows and dropped, so the accumulators keep the registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Wide<TShape, TLanes, TVector, TRows, TVectors>(
        ref float left, ref float right, ref float bias, ref float result, nint i, nint j, nint k0, int kc, bool first, bool last)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
        where TVectors : struct, ITileCount
    {
        nint width = TLanes.Count;
        ref float result0 = ref Unsafe.Add(ref result, (i + 0) * TShape.ResultRowStride + j);
        ref float result1 = ref Unsafe.Add(ref result, (i + 1) * TShape.ResultRowStride + j);
        TVector a0_0 = Initial<TShape, TLanes, TVector>(ref bias, ref result0, 0 * width, i + 0, j + 0 * width, first);
        TVector a0_1 = TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 1 * width, i + 0, j + 1 * width, first) : default;
        TVector a0_2 = TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 2 * width, i + 0, j + 2 * width, first) : default;
        TVector a0_3 = TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 3 * width, i + 0, j + 3 * width, first) : default;
        TVector a0_4 = TVectors.Value > 4 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 4 * width, i + 0, j + 4 * width, first) : default;
        TVector a0_5 = TVectors.Value > 5 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 5 * width, i + 0, j + 5 * width, first) : default;
        TVector a0_6 = TVectors.Value > 6 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 6 * width, i + 0, j + 6 * width, first) : default;
        TVector a0_7 = TVectors.Value > 7 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 7 * width, i + 0, j + 7 * width, first) : default;
        TVector a0_8 = TVectors.Value > 8 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 8 * width, i + 0, j + 8 * width, first) : default;
        TVector a0_9 = TVectors.Value > 9 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 9 * width, i + 0, j + 9 * width, first) : default;
        TVector a0_10 = TVectors.Value > 10 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 10 * width, i + 0, j + 10 * width, first) : default;
        TVector a0_11 = TVectors.Value > 11 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 11 * width, i + 0, j + 11 * width, first) : default;
        TVector a0_12 = TVectors.Value > 12 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 12 * width, i + 0, j + 12 * width, first) : default;
        TVector a0_13 = TVectors.Value > 13 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 13 * width, i + 0, j + 13 * width, first) : default;
        TVector a0_14 = TVectors.Value > 14 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 14 * width, i + 0, j + 14 * width, first) : default;
        TVector a0_15 = TVectors.Value > 15 ? Initial<TShape, TLanes, TVector>(ref bias, ref result0, 15 * width, i + 0, j + 15 * width, first) : default;
        TVector a1_0 = TRows.Value > 1 && TVectors.Value > 0 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 0 * width, i + 1, j + 0 * width, first) : default;
        TVector a1_1 = TRows.Value > 1 && TVectors.Value > 1 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 1 * width, i + 1, j + 1 * width, first) : default;
        TVector a1_2 = TRows.Value > 1 && TVectors.Value > 2 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 2 * width, i + 1, j + 2 * width, first) : default;
        TVector a1_3 = TRows.Value > 1 && TVectors.Value > 3 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 3 * width, i + 1, j + 3 * width, first) : default;
        TVector a1_4 = TRows.Value > 1 && TVectors.Value > 4 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 4 * width, i + 1, j + 4 * width, first) : default;
        TVector a1_5 = TRows.Value > 1 && TVectors.Value > 5 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 5 * width, i + 1, j + 5 * width, first) : default;
        TVector a1_6 = TRows.Value > 1 && TVectors.Value > 6 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 6 * width, i + 1, j + 6 * width, first) : default;
        TVector a1_7 = TRows.Value > 1 && TVectors.Value > 7 ? Initial<TShape, TLanes, TVector>(ref bias, ref result1, 7 * width, i + 1, j + 7 * width, first) : default;
        ref float leftRow = ref Unsafe.Add(ref left, i * TShape.LeftRowStride + k0 * TShape.LeftReductionStride);
        ref float rightRow = ref Unsafe.Add(ref right, k0 * TShape.RightReductionStride + j);
        for (int k = 0; k < kc; k++)
        {
            TVector x0 = TLanes.Broadcast(leftRow);
            TVector x1 = TRows.Value > 1 ? TLanes.Broadcast(Unsafe.Add(ref leftRow, 1 * TShape.LeftRowStride)) : default;
            {
                TVector w = TLanes.Load(ref rightRow, 0 * width);
                a0_0 = TLanes.MultiplyAdd(w, x0, a0_0);
                if (TRows.Value > 1) a1_0 = TLanes.MultiplyAdd(w, x1, a1_0);
            }
            if (TVectors.Value > 1)
            {
                TVector w = TLanes.Load(ref rightRow, 1 * width);
                a0_1 = TLanes.MultiplyAdd(w, x0, a0_1);
                if (TRows.Value > 1) a1_1 = TLanes.MultiplyAdd(w, x1, a1_1);
            }
            if (TVectors.Value > 2)
            {
                TVector w = TLanes.Load(ref rightRow, 2 * width);
                a0_2 = TLanes.MultiplyAdd(w, x0, a0_2);
                if (TRows.Value > 1) a1_2 = TLanes.MultiplyAdd(w, x1, a1_2);
            }
            if (TVectors.Value > 3)
            {
                TVector w = TLanes.Load(ref rightRow, 3 * width);
                a0_3 = TLanes.MultiplyAdd(w, x0, a0_3);
                if (TRows.Value > 1) a1_3 = TLanes.MultiplyAdd(w, x1, a1_3);
            }
            if (TVectors.Value > 4)
            {
                TVector w = TLanes.Load(ref rightRow, 4 * width);
                a0_4 = TLanes.MultiplyAdd(w, x0, a0_4);
                if (TRows.Value > 1) a1_4 = TLanes.MultiplyAdd(w, x1, a1_4);
            }
            if (TVectors.Value > 5)
            {
                TVector w = TLanes.Load(ref rightRow, 5 * width);
                a0_5 = TLanes.MultiplyAdd(w, x0, a0_5);
                if (TRows.Value > 1) a1_5 = TLanes.MultiplyAdd(w, x1, a1_5);
            }
            if (TVectors.Value > 6)
            {
                TVector w = TLanes.Load(ref rightRow, 6 * width);
                a0_6 = TLanes.MultiplyAdd(w, x0, a0_6);
                if (TRows.Value > 1) a1_6 = TLanes.MultiplyAdd(w, x1, a1_6);
            }
            if (TVectors.Value > 7)
            {
                TVector w = TLanes.Load(ref rightRow, 7 * width);
                a0_7 = TLanes.MultiplyAdd(w, x0, a0_7);
                if (TRows.Value > 1) a1_7 = TLanes.MultiplyAdd(w, x1, a1_7);
            }
            if (TVectors.Value > 8)
            {
                TVector w = TLanes.Load(ref rightRow, 8 * width);
                a0_8 = TLanes.MultiplyAdd(w, x0, a0_8);
            }
            if (TVectors.Value > 9)
            {
                TVector w = TLanes.Load(ref rightRow, 9 * width);
                a0_9 = TLanes.MultiplyAdd(w, x0, a0_9);
            }
            if (TVectors.Value > 10)
            {
                TVector w = TLanes.Load(ref rightRow, 10 * width);
                a0_10 = TLanes.MultiplyAdd(w, x0, a0_10);
            }
            if (TVectors.Value > 11)
            {
                TVector w = TLanes.Load(ref rightRow, 11 * width);
                a0_11 = TLanes.MultiplyAdd(w, x0, a0_11);
            }
            if (TVectors.Value > 12)
            {
                TVector w = TLanes.Load(ref rightRow, 12 * width);
                a0_12 = TLanes.MultiplyAdd(w, x0, a0_12);
            }
            if (TVectors.Value > 13)
            {
                TVector w = TLanes.Load(ref rightRow, 13 * width);
                a0_13 = TLanes.MultiplyAdd(w, x0, a0_13);
            }
            if (TVectors.Value > 14)
            {
                TVector w = TLanes.Load(ref rightRow, 14 * width);
                a0_14 = TLanes.MultiplyAdd(w, x0, a0_14);
            }
            if (TVectors.Value > 15)
            {
                TVector w = TLanes.Load(ref rightRow, 15 * width);
                a0_15 = TLanes.MultiplyAdd(w, x0, a0_15);
            }
            leftRow = ref Unsafe.Add(ref leftRow, TShape.LeftReductionStride);
            rightRow = ref Unsafe.Add(ref rightRow, TShape.RightReductionStride);
        }
        Finish<TShape, TLanes, TVector>(a0_0, ref result0, 0 * width, last, ref bias, i + 0, j + 0 * width);
        if (TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a0_1, ref result0, 1 * width, last, ref bias, i + 0, j + 1 * width);
        if (TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a0_2, ref result0, 2 * width, last, ref bias, i + 0, j + 2 * width);
        if (TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a0_3, ref result0, 3 * width, last, ref bias, i + 0, j + 3 * width);
        if (TVectors.Value > 4) Finish<TShape, TLanes, TVector>(a0_4, ref result0, 4 * width, last, ref bias, i + 0, j + 4 * width);
        if (TVectors.Value > 5) Finish<TShape, TLanes, TVector>(a0_5, ref result0, 5 * width, last, ref bias, i + 0, j + 5 * width);
        if (TVectors.Value > 6) Finish<TShape, TLanes, TVector>(a0_6, ref result0, 6 * width, last, ref bias, i + 0, j + 6 * width);
        if (TVectors.Value > 7) Finish<TShape, TLanes, TVector>(a0_7, ref result0, 7 * width, last, ref bias, i + 0, j + 7 * width);
        if (TVectors.Value > 8) Finish<TShape, TLanes, TVector>(a0_8, ref result0, 8 * width, last, ref bias, i + 0, j + 8 * width);
        if (TVectors.Value > 9) Finish<TShape, TLanes, TVector>(a0_9, ref result0, 9 * width, last, ref bias, i + 0, j + 9 * width);
        if (TVectors.Value > 10) Finish<TShape, TLanes, TVector>(a0_10, ref result0, 10 * width, last, ref bias, i + 0, j + 10 * width);
        if (TVectors.Value > 11) Finish<TShape, TLanes, TVector>(a0_11, ref result0, 11 * width, last, ref bias, i + 0, j + 11 * width);
        if (TVectors.Value > 12) Finish<TShape, TLanes, TVector>(a0_12, ref result0, 12 * width, last, ref bias, i + 0, j + 12 * width);
        if (TVectors.Value > 13) Finish<TShape, TLanes, TVector>(a0_13, ref result0, 13 * width, last, ref bias, i + 0, j + 13 * width);
        if (TVectors.Value > 14) Finish<TShape, TLanes, TVector>(a0_14, ref result0, 14 * width, last, ref bias, i + 0, j + 14 * width);
        if (TVectors.Value > 15) Finish<TShape, TLanes, TVector>(a0_15, ref result0, 15 * width, last, ref bias, i + 0, j + 15 * width);
        if (TRows.Value > 1 && TVectors.Value > 0) Finish<TShape, TLanes, TVector>(a1_0, ref result1, 0 * width, last, ref bias, i + 1, j + 0 * width);
        if (TRows.Value > 1 && TVectors.Value > 1) Finish<TShape, TLanes, TVector>(a1_1, ref result1, 1 * width, last, ref bias, i + 1, j + 1 * width);
        if (TRows.Value > 1 && TVectors.Value > 2) Finish<TShape, TLanes, TVector>(a1_2, ref result1, 2 * width, last, ref bias, i + 1, j + 2 * width);
        if (TRows.Value > 1 && TVectors.Value > 3) Finish<TShape, TLanes, TVector>(a1_3, ref result1, 3 * width, last, ref bias, i + 1, j + 3 * width);
        if (TRows.Value > 1 && TVectors.Value > 4) Finish<TShape, TLanes, TVector>(a1_4, ref result1, 4 * width, last, ref bias, i + 1, j + 4 * width);
        if (TRows.Value > 1 && TVectors.Value > 5) Finish<TShape, TLanes, TVector>(a1_5, ref result1, 5 * width, last, ref bias, i + 1, j + 5 * width);
        if (TRows.Value > 1 && TVectors.Value > 6) Finish<TShape, TLanes, TVector>(a1_6, ref result1, 6 * width, last, ref bias, i + 1, j + 6 * width);
        if (TRows.Value > 1 && TVectors.Value > 7) Finish<TShape, TLanes, TVector>(a1_7, ref result1, 7 * width, last, ref bias, i + 1, j + 7 * width);
    }

    /// <summary>An accumulator's first value: the start of the product, or the partial sum of an earlier reduction slice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TVector Initial<TShape, TLanes, TVector>(ref float bias, ref float resultRow, nint offset, nint row, nint column, bool first)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        if (TShape.Start == MatMulStart.Accumulate || !first) return TLanes.Load(ref resultRow, offset);
        if (TShape.ShiftOffset > 0) return TLanes.Zero;
        return TShape.Start switch
        {
            MatMulStart.Zero => TLanes.Zero,
            MatMulStart.Bias => TLanes.Load(ref bias, column),
            _ => TLanes.Broadcast(Unsafe.Add(ref bias, row)),
        };
    }

    /// <summary>
    /// Stores a finished accumulator; the scale and shift (<see cref="IMatMulShape.ShiftOffset"/>) and the fused ReLU
    /// belong to the whole sum, so only the last reduction slice applies them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Finish<TShape, TLanes, TVector>(TVector sum, ref float resultRow, nint offset, bool last, ref float bias, nint row, nint column)
        where TShape : struct, IMatMulShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        if (TShape.ShiftOffset > 0 && last)
        {
            sum = TShape.Start == MatMulStart.RowBias
                ? TLanes.MultiplyAdd(sum, TLanes.Broadcast(Unsafe.Add(ref bias, row)), TLanes.Broadcast(Unsafe.Add(ref bias, TShape.ShiftOffset + row)))
                : TLanes.MultiplyAdd(sum, TLanes.Load(ref bias, column), TLanes.Load(ref bias, TShape.ShiftOffset + column));
        }
        TLanes.Store(TShape.FusedReLU && last ? TLanes.ReLU(sum) : sum, ref resultRow, offset);
    }
}

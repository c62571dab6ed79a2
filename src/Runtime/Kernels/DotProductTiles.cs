using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// <see cref="DotProductMatMul"/> for few rows: tiles of 3 × 3 dot products vectorised along the reduction, per step
/// three left loads and three right loads feeding nine multiply-adds, each accumulator summed across its lanes once, at
/// the end of its tile, and the reduction's tail shorter than a vector added one float at a time. With few rows the
/// transposed copy of right that the outer-product tiles need costs more than these sums save. Tile rows and columns
/// are type arguments, so the row and column remainders keep only the accumulators they need.
/// </summary>
internal static class DotProductTiles
{
    private const int Block = 3;

    public static void Rows<TShape, TLanes, TVector>(ref float left, ref float right, ref float result)
        where TShape : struct, IDotProductShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int rowsBlocked = TShape.Rows / Block * Block;
        for (int i = 0; i < rowsBlocked; i += Block) Columns<TShape, TLanes, TVector, Count3>(ref left, ref right, ref result, i);
        switch (TShape.Rows - rowsBlocked)
        {
            case 1: Columns<TShape, TLanes, TVector, Count1>(ref left, ref right, ref result, rowsBlocked); break;
            case 2: Columns<TShape, TLanes, TVector, Count2>(ref left, ref right, ref result, rowsBlocked); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Columns<TShape, TLanes, TVector, TRows>(ref float left, ref float right, ref float result, int i)
        where TShape : struct, IDotProductShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
    {
        int columnsBlocked = TShape.Columns / Block * Block;
        for (int j = 0; j < columnsBlocked; j += Block) Tile<TShape, TLanes, TVector, TRows, Count3>(ref left, ref right, ref result, i, j);
        switch (TShape.Columns - columnsBlocked)
        {
            case 1: Tile<TShape, TLanes, TVector, TRows, Count1>(ref left, ref right, ref result, i, columnsBlocked); break;
            case 2: Tile<TShape, TLanes, TVector, TRows, Count2>(ref left, ref right, ref result, i, columnsBlocked); break;
        }
    }

    /// <summary>Rows i … i + <typeparamref name="TRows"/> − 1 × columns j … j + <typeparamref name="TColumns"/> − 1: accumulator a{r}_{c} for left row r and right row c.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TShape, TLanes, TVector, TRows, TColumns>(ref float left, ref float right, ref float result, nint i, nint j)
        where TShape : struct, IDotProductShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileCount
        where TColumns : struct, ITileCount
    {
        ref float left0 = ref Unsafe.Add(ref left, (i + 0) * TShape.LeftRowStride);
        ref float left1 = ref TRows.Value > 1 ? ref Unsafe.Add(ref left, (i + 1) * TShape.LeftRowStride) : ref left;
        ref float left2 = ref TRows.Value > 2 ? ref Unsafe.Add(ref left, (i + 2) * TShape.LeftRowStride) : ref left;
        ref float right0 = ref Unsafe.Add(ref right, (j + 0) * TShape.RightRowStride);
        ref float right1 = ref TColumns.Value > 1 ? ref Unsafe.Add(ref right, (j + 1) * TShape.RightRowStride) : ref right;
        ref float right2 = ref TColumns.Value > 2 ? ref Unsafe.Add(ref right, (j + 2) * TShape.RightRowStride) : ref right;
        TVector a0_0 = TLanes.Zero;
        TVector a0_1 = TLanes.Zero;
        TVector a0_2 = TLanes.Zero;
        TVector a1_0 = TLanes.Zero;
        TVector a1_1 = TLanes.Zero;
        TVector a1_2 = TLanes.Zero;
        TVector a2_0 = TLanes.Zero;
        TVector a2_1 = TLanes.Zero;
        TVector a2_2 = TLanes.Zero;
        nint vectorised = TShape.Reduction / TLanes.Count * TLanes.Count;
        for (nint k = 0; k < vectorised; k += TLanes.Count)
        {
            TVector x0 = TLanes.Load(ref left0, k);
            TVector x1 = TRows.Value > 1 ? TLanes.Load(ref left1, k) : default;
            TVector x2 = TRows.Value > 2 ? TLanes.Load(ref left2, k) : default;
            {
                TVector y = TLanes.Load(ref right0, k);
                a0_0 = TLanes.MultiplyAdd(x0, y, a0_0);
                if (TRows.Value > 1) a1_0 = TLanes.MultiplyAdd(x1, y, a1_0);
                if (TRows.Value > 2) a2_0 = TLanes.MultiplyAdd(x2, y, a2_0);
            }
            if (TColumns.Value > 1)
            {
                TVector y = TLanes.Load(ref right1, k);
                a0_1 = TLanes.MultiplyAdd(x0, y, a0_1);
                if (TRows.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, y, a1_1);
                if (TRows.Value > 2) a2_1 = TLanes.MultiplyAdd(x2, y, a2_1);
            }
            if (TColumns.Value > 2)
            {
                TVector y = TLanes.Load(ref right2, k);
                a0_2 = TLanes.MultiplyAdd(x0, y, a0_2);
                if (TRows.Value > 1) a1_2 = TLanes.MultiplyAdd(x1, y, a1_2);
                if (TRows.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, y, a2_2);
            }
        }
        float s0_0 = TLanes.Sum(a0_0);
        float s0_1 = TColumns.Value > 1 ? TLanes.Sum(a0_1) : 0f;
        float s0_2 = TColumns.Value > 2 ? TLanes.Sum(a0_2) : 0f;
        float s1_0 = TRows.Value > 1 ? TLanes.Sum(a1_0) : 0f;
        float s1_1 = TRows.Value > 1 && TColumns.Value > 1 ? TLanes.Sum(a1_1) : 0f;
        float s1_2 = TRows.Value > 1 && TColumns.Value > 2 ? TLanes.Sum(a1_2) : 0f;
        float s2_0 = TRows.Value > 2 ? TLanes.Sum(a2_0) : 0f;
        float s2_1 = TRows.Value > 2 && TColumns.Value > 1 ? TLanes.Sum(a2_1) : 0f;
        float s2_2 = TRows.Value > 2 && TColumns.Value > 2 ? TLanes.Sum(a2_2) : 0f;
        // The reduction's tail, shorter than a vector.
        for (nint k = vectorised; k < TShape.Reduction; k++)
        {
            s0_0 += Unsafe.Add(ref left0, k) * Unsafe.Add(ref right0, k);
            if (TColumns.Value > 1) s0_1 += Unsafe.Add(ref left0, k) * Unsafe.Add(ref right1, k);
            if (TColumns.Value > 2) s0_2 += Unsafe.Add(ref left0, k) * Unsafe.Add(ref right2, k);
            if (TRows.Value > 1) s1_0 += Unsafe.Add(ref left1, k) * Unsafe.Add(ref right0, k);
            if (TRows.Value > 1 && TColumns.Value > 1) s1_1 += Unsafe.Add(ref left1, k) * Unsafe.Add(ref right1, k);
            if (TRows.Value > 1 && TColumns.Value > 2) s1_2 += Unsafe.Add(ref left1, k) * Unsafe.Add(ref right2, k);
            if (TRows.Value > 2) s2_0 += Unsafe.Add(ref left2, k) * Unsafe.Add(ref right0, k);
            if (TRows.Value > 2 && TColumns.Value > 1) s2_1 += Unsafe.Add(ref left2, k) * Unsafe.Add(ref right1, k);
            if (TRows.Value > 2 && TColumns.Value > 2) s2_2 += Unsafe.Add(ref left2, k) * Unsafe.Add(ref right2, k);
        }
        Store<TShape>(ref result, i + 0, j + 0, s0_0);
        if (TColumns.Value > 1) Store<TShape>(ref result, i + 0, j + 1, s0_1);
        if (TColumns.Value > 2) Store<TShape>(ref result, i + 0, j + 2, s0_2);
        if (TRows.Value > 1) Store<TShape>(ref result, i + 1, j + 0, s1_0);
        if (TRows.Value > 1 && TColumns.Value > 1) Store<TShape>(ref result, i + 1, j + 1, s1_1);
        if (TRows.Value > 1 && TColumns.Value > 2) Store<TShape>(ref result, i + 1, j + 2, s1_2);
        if (TRows.Value > 2) Store<TShape>(ref result, i + 2, j + 0, s2_0);
        if (TRows.Value > 2 && TColumns.Value > 1) Store<TShape>(ref result, i + 2, j + 1, s2_1);
        if (TRows.Value > 2 && TColumns.Value > 2) Store<TShape>(ref result, i + 2, j + 2, s2_2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Store<TShape>(ref float result, nint row, nint column, float sum)
        where TShape : struct, IDotProductShape
    {
        ref float target = ref Unsafe.Add(ref result, row * TShape.ResultRowStride + column);
        target = TShape.Accumulate ? target + sum : sum;
    }
}

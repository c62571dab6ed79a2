using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// <c>result[i, j] (+)= Σ_k left[i, k] · right[j, k]</c>, both operands along the reduction (a convolution's weight
/// gradient: its unrolled input and δ both run along the output positions). The vector paths copy right transposed
/// into a scratch block, <c>[reduction, columns]</c>, then run <see cref="MatMul"/>'s register tiles on it: each
/// reduction step loads a row of the copy once and multiplies it by a broadcast left value per tile row, so every
/// accumulator is a vector of results and nothing is summed across lanes. Dot products along the reduction would need
/// a sum across the lanes of every result and a scalar tail wherever the reduction is not a multiple of the width;
/// short reductions (a 7×7 map's 49 positions) spent most of their time there. The copy is
/// <c>columns × reduction</c> floats, 1 / rows of the multiply-adds; below <see cref="OuterProductRows"/> rows it costs
/// more than the sums it saves, and those products keep the dot products (<see cref="DotProductTiles"/>). Written once
/// and specialised per shape by an <see cref="IDotProductShape"/> struct.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DotProductMatMul
{
    // Where the kernel micro-bench found the outer products as fast as the dot products on every path; with fewer rows
    // the copy outweighs what they save (docs/cnn.md, "Measured speed").
    private const int OuterProductRows = 16;

    /// <summary>
    /// The product on the widest vector path this machine accelerates. <paramref name="scratch"/> holds at least
    /// <see cref="IDotProductShape.Reduction"/> × <see cref="IDotProductShape.Columns"/> floats, overwritten (the
    /// scalar path and products of few rows do not use it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape
    {
        if (Vector512.IsHardwareAccelerated) MultiplyVector512<TShape>(ref left, ref right, ref result, ref scratch);
        else if (Vector256.IsHardwareAccelerated) MultiplyVector256<TShape>(ref left, ref right, ref result, ref scratch);
        else if (Vector128.IsHardwareAccelerated) MultiplyVector128<TShape>(ref left, ref right, ref result, ref scratch);
        else MultiplyScalar<TShape>(ref left, ref right, ref result, ref scratch);
    }

    /// <summary>
    /// The Vector512 path of <see cref="Multiply{TShape}"/> (runs in software where AVX-512 is missing): tiles of
    /// 6 rows × 4 vectors, 24 of the 32 registers, so a 16-filter gradient still has 6 independent accumulators.
    /// </summary>
    public static void MultiplyVector512<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape
    {
        if (TShape.Rows < OuterProductRows)
        {
            DotProductTiles.Rows<TShape, Lanes512, Vector512<float>>(ref left, ref right, ref result);
            return;
        }
        TransposedRight.Copy<TShape>(ref right, ref scratch);
        MatMul.Vectorised<TransposedRight.Shape<TShape>, Lanes512, Vector512<float>, Count6>(ref left, ref scratch, ref Unsafe.NullRef<float>(), ref result, 0, 0, tileVectors: 4);
    }

    /// <summary>The Vector256 path of <see cref="Multiply{TShape}"/>: <see cref="MatMul"/>'s 6 × 2 tiles.</summary>
    public static void MultiplyVector256<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape
    {
        if (TShape.Rows < OuterProductRows)
        {
            DotProductTiles.Rows<TShape, Lanes256, Vector256<float>>(ref left, ref right, ref result);
            return;
        }
        TransposedRight.Copy<TShape>(ref right, ref scratch);
        MatMul.Vectorised<TransposedRight.Shape<TShape>, Lanes256, Vector256<float>, Count6>(ref left, ref scratch, ref Unsafe.NullRef<float>(), ref result, 0, 0, tileVectors: 2);
    }

    /// <summary>The Vector128 path of <see cref="Multiply{TShape}"/>: ARM64's NEON width, with the tiles of the Vector256 path.</summary>
    public static void MultiplyVector128<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape
    {
        if (TShape.Rows < OuterProductRows)
        {
            DotProductTiles.Rows<TShape, Lanes128, Vector128<float>>(ref left, ref right, ref result);
            return;
        }
        TransposedRight.Copy<TShape>(ref right, ref scratch);
        MatMul.Vectorised<TransposedRight.Shape<TShape>, Lanes128, Vector128<float>, Count6>(ref left, ref scratch, ref Unsafe.NullRef<float>(), ref result, 0, 0, tileVectors: 2);
    }

    /// <summary>The scalar path of <see cref="Multiply{TShape}"/>: each result's dot product in the order of the definition, no copy.</summary>
    public static void MultiplyScalar<TShape>(ref float left, ref float right, ref float result, ref float scratch)
        where TShape : struct, IDotProductShape
    {
        for (nint i = 0; i < TShape.Rows; i++)
        {
            ref float leftRow = ref Unsafe.Add(ref left, i * TShape.LeftRowStride);
            ref float resultRow = ref Unsafe.Add(ref result, i * TShape.ResultRowStride);
            for (nint j = 0; j < TShape.Columns; j++)
            {
                ref float rightRow = ref Unsafe.Add(ref right, j * TShape.RightRowStride);
                float sum = 0f;
                for (nint k = 0; k < TShape.Reduction; k++) sum += Unsafe.Add(ref leftRow, k) * Unsafe.Add(ref rightRow, k);
                ref float target = ref Unsafe.Add(ref resultRow, j);
                target = TShape.Accumulate ? target + sum : sum;
            }
        }
    }
}

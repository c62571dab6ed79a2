using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one matrix product <c>result[i, j] = start + Σ_k left[i, k] · right[k, j]</c>, as static members
/// of a struct: <see cref="MatMul"/>'s kernels are generic over it, so the JIT and NativeAOT compile one
/// specialisation per shape with every count and stride a constant (the operator-struct pattern of
/// <c>TensorPrimitives</c>). Generated code declares one such struct per distinct product.
/// </summary>
/// <remarks>
/// left[i, k] is at <c>i · LeftRowStride + k · LeftReductionStride</c>, right[k, j] at
/// <c>k · RightReductionStride + j</c> (columns contiguous), result[i, j] at <c>i · ResultRowStride + j</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMatMulShape
{
    /// <summary>The column count of right and of the result.</summary>
    static abstract int Columns { get; }

    /// <summary>The reduction length when known at generation time, else 0 (the caller passes it).</summary>
    static virtual int Reduction => 0;

    /// <summary>The row count when known at generation time, else 0 (the caller passes it).</summary>
    static virtual int Rows => 0;

    /// <summary>See <see cref="IMatMulShape"/>'s remarks.</summary>
    static abstract int LeftRowStride { get; }

    /// <summary>See <see cref="IMatMulShape"/>'s remarks.</summary>
    static virtual int LeftReductionStride => 1;

    /// <summary>See <see cref="IMatMulShape"/>'s remarks.</summary>
    static abstract int RightReductionStride { get; }

    /// <summary>See <see cref="IMatMulShape"/>'s remarks.</summary>
    static abstract int ResultRowStride { get; }

    /// <summary>How the accumulators start.</summary>
    static virtual MatMulStart Start => MatMulStart.Zero;

    /// <summary>max(0, ·) applied to the finished sums (after the scale and shift, when there are some).</summary>
    static virtual bool FusedReLU => false;

    /// <summary>
    /// When positive, a batch normalisation folded into the product at inference: the accumulators start from zero and
    /// the finished sums become <c>scale · sum + shift</c>, per column (<see cref="MatMulStart.Bias"/>) or per row
    /// (<see cref="MatMulStart.RowBias"/>), scale read at <c>bias[·]</c> and shift at <c>bias[ShiftOffset + ·]</c>.
    /// 0: the start is what <see cref="Start"/> says and nothing scales the sums.
    /// </summary>
    static virtual int ShiftOffset => 0;

    /// <summary>
    /// When positive, the vector kernels run the reduction in slices of this many steps, every row block per slice, so
    /// the slice of right the row blocks share stays in cache. 0: one pass.
    /// </summary>
    static virtual int ReductionChunk => 0;
}

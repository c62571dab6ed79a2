namespace DslNet.Generator.Emit;

/// <summary>How a matrix product's accumulators start.</summary>
internal enum MatMulStart
{
    /// <summary>From zero: the result is overwritten.</summary>
    Zero,
    /// <summary>From <c>bias[j]</c>: the bias is fused into the product.</summary>
    Bias,
    /// <summary>From <c>bias[i]</c>: one bias per row (a convolution's filters).</summary>
    RowBias,
    /// <summary>From the current <c>result[i, j]</c>: gradients accumulate with +=.</summary>
    Accumulate,
}

/// <summary>
/// One matrix product <c>result[i, j] = start + Σ_k left[i, k] · right[k, j]</c> with an optional fused ReLU,
/// over four <c>ref float</c> locals named <c>left</c>, <c>right</c>, <c>result</c> and <c>bias</c>. Every
/// operand is addressed by literal strides (columns are contiguous in <c>right</c> and <c>result</c>), so the
/// kernel walks memory by adding constants to refs instead of recomputing indices.
/// </summary>
/// <param name="Rows">The row bound: a literal (<see cref="LiteralRows"/> set) or <c>batch</c>.</param>
/// <param name="LiteralRows">The row count when it is known at generation time.</param>
/// <param name="Reduction">The reduction bound: a literal or <c>batch</c>.</param>
/// <param name="Columns">The column count, always a literal.</param>
/// <param name="LeftRowStride">left[i, k] is at i · LeftRowStride + k · LeftReductionStride.</param>
/// <param name="LeftReductionStride">See <paramref name="LeftRowStride"/>.</param>
/// <param name="RightReductionStride">right[k, j] is at k · RightReductionStride + j · RightColumnStride.</param>
/// <param name="ResultRowStride">result[i, j] is at i · ResultRowStride + j.</param>
/// <param name="ReductionChunk">
/// When positive, the vectorised kernels run the reduction in slices of this many steps, every row block per slice,
/// so the slice of <c>right</c> stays in cache across row blocks. <see cref="MatMulEmitter"/> chooses it for large
/// literal reductions; a caller sets it for a run-time reduction that may be long.
/// </param>
/// <param name="Panels">
/// When set, the vectorised kernels first copy <c>right</c> into column panels (and a left operand read down its
/// columns into rows) and multiply from those copies; see <see cref="MatMulPanels"/>.
/// </param>
/// <param name="RightColumnStride">
/// See <paramref name="RightReductionStride"/>; anything but 1 (right read down its rows, as Wᵀ) needs
/// <paramref name="Panels"/>, whose copy makes the columns contiguous again.
/// </param>
/// <param name="ShiftOffset">
/// When positive, a batch normalisation folded in: the sums start from zero and end as scale · sum + shift, per column
/// (<see cref="MatMulStart.Bias"/>) or per row (<see cref="MatMulStart.RowBias"/>), with the scales at <c>bias</c> and
/// the shifts this many floats after them.
/// </param>
internal sealed record MatMul(
    string Rows,
    int? LiteralRows,
    string Reduction,
    int Columns,
    int LeftRowStride,
    int LeftReductionStride,
    int RightReductionStride,
    int ResultRowStride,
    MatMulStart Start,
    bool FusedReLU,
    int ReductionChunk = 0,
    MatMulPanels? Panels = null,
    int RightColumnStride = 1,
    int ShiftOffset = 0)
{
    /// <summary>A reduction slice whose rows of a right operand <paramref name="columns"/> wide fill about 128 KB (half an L2).</summary>
    public static int ChunkFor(int columns) => System.Math.Max(16, System.Math.Min(256, 32768 / columns));

    public string Left(string i, string k) => IndexText.Add(IndexText.Multiply(i, LeftRowStride), IndexText.Multiply(k, LeftReductionStride));

    public string Right(string k, string j) => IndexText.Add(IndexText.Multiply(k, RightReductionStride), IndexText.Multiply(j, RightColumnStride));

    public string Result(string i, string j) => IndexText.RowMajor(i, ResultRowStride, j);
}

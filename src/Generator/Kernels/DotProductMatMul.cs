namespace DslNet.Generator.Emit;

/// <summary>
/// A matrix product whose operands both run along the reduction, <c>result[i, j] (+)= Σ_k left[i, k] · right[j, k]</c>
/// (left · rightᵀ), over <c>ref float</c> locals named <c>left</c>, <c>right</c> and <c>result</c>. Every bound is a literal.
/// </summary>
/// <param name="Rows">Rows of left and of the result.</param>
/// <param name="Columns">Rows of right, columns of the result.</param>
/// <param name="Reduction">The shared length of every left and right row, which is contiguous.</param>
/// <param name="LeftRowStride">left[i, k] is at i · LeftRowStride + k.</param>
/// <param name="RightRowStride">right[j, k] is at j · RightRowStride + k.</param>
/// <param name="ResultRowStride">result[i, j] is at i · ResultRowStride + j.</param>
/// <param name="Accumulate">Add to the result (gradients) instead of overwriting it.</param>
internal sealed record DotProductMatMul(
    int Rows,
    int Columns,
    int Reduction,
    int LeftRowStride,
    int RightRowStride,
    int ResultRowStride,
    bool Accumulate);

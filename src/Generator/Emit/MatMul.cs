using System;
using DslNet;

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
/// described by index expressions into four <c>ref float</c> locals named <c>left</c>, <c>right</c>,
/// <c>result</c> and <c>bias</c>. Columns and (where known) rows and the reduction are literals.
/// </summary>
/// <param name="Rows">The row bound: a literal (<see cref="LiteralRows"/> set) or <c>batch</c>.</param>
/// <param name="LiteralRows">The row count when it is known at generation time.</param>
/// <param name="Reduction">The reduction bound: a literal or <c>batch</c>.</param>
/// <param name="Columns">The column count, always a literal.</param>
/// <param name="Left">Index of <c>left[i, k]</c>, given the expressions for i and k.</param>
/// <param name="Right">Index of <c>right[k, j]</c>, given the expressions for k and j.</param>
/// <param name="Result">Index of <c>result[i, j]</c>, given the expressions for i and j.</param>
internal sealed record MatMul(
    string Rows,
    int? LiteralRows,
    string Reduction,
    int Columns,
    Func<string, string, string> Left,
    Func<string, string, string> Right,
    Func<string, string, string> Result,
    MatMulStart Start,
    bool FusedReLU);

using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>How the accumulators of a <see cref="MatMul"/> product start.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum MatMulStart
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

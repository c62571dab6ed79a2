using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of one product whose operands both run along the reduction,
/// <c>result[i, j] (+)= Σ_k left[i, k] · right[j, k]</c> (left · rightᵀ; a convolution's weight gradient, where both
/// the unrolled input and δ run along the output positions), as static members of a struct:
/// <see cref="DotProductMatMul"/>'s kernels are generic over it, so each shape is compiled with them as constants.
/// </summary>
/// <remarks>
/// left[i, k] is at <c>i · LeftRowStride + k</c>, right[j, k] at <c>j · RightRowStride + k</c>, result[i, j] at
/// <c>i · ResultRowStride + j</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDotProductShape
{
    /// <summary>Rows of left and of the result.</summary>
    static abstract int Rows { get; }

    /// <summary>Rows of right, columns of the result.</summary>
    static abstract int Columns { get; }

    /// <summary>The shared length of every left and right row, which is contiguous.</summary>
    static abstract int Reduction { get; }

    /// <summary>See <see cref="IDotProductShape"/>'s remarks.</summary>
    static abstract int LeftRowStride { get; }

    /// <summary>See <see cref="IDotProductShape"/>'s remarks.</summary>
    static abstract int RightRowStride { get; }

    /// <summary>See <see cref="IDotProductShape"/>'s remarks.</summary>
    static abstract int ResultRowStride { get; }

    /// <summary>Add to the result (gradients) instead of overwriting it.</summary>
    static virtual bool Accumulate => false;
}

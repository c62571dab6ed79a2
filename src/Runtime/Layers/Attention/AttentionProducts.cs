using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

// The six products of an attention layer (x [rows, d], W [d, 3d], Wo [d, d]), each derived from the layer's
// IAttentionShape: the constants the generator used to write into one struct per product, worked out by the JIT from
// two numbers. A literal reduction runs in cache slices when its right operand outgrows half an L2 (ProductSlices); a
// weight gradient's reduction over the rows always does.
// Every member is AggressiveInlining: the kernels that read them are large, and past the JIT's inlining budget a
// member left as a call runs in the inner loop instead of folding to a constant.

/// <summary>[Q K V] [rows, 3d] = b + x [rows, d] · W [d, 3d].</summary>
internal struct AttentionProjection<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => MatMulStart.Bias; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Width, 3 * TShape.Width); }
}

/// <summary>y [rows, d] = bo + context [rows, d] · Wo [d, d].</summary>
internal struct AttentionOutputProjection<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => MatMulStart.Bias; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Width, TShape.Width); }
}

/// <summary>dWo [d, d] += contextᵀ · dy, the reduction over the rows in cache slices.</summary>
internal struct AttentionOutputWeightGradient<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int Rows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
    public static int LeftReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => MatMulStart.Accumulate; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.ChunkFor(TShape.Width); }
}

/// <summary>dContext [rows, d] = dy [rows, d] · Woᵀ, from a copy of Woᵀ.</summary>
internal struct AttentionContextGradient<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Width, TShape.Width); }
}

/// <summary>dW [d, 3d] += xᵀ · d[Q K V], the reduction over the rows in cache slices.</summary>
internal struct AttentionProjectionWeightGradient<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int Rows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
    public static int LeftReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static MatMulStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => MatMulStart.Accumulate; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.ChunkFor(3 * TShape.Width); }
}

/// <summary>dx [rows, d] = d[Q K V] [rows, 3d] · Wᵀ, from a copy of Wᵀ [3d, d].</summary>
internal struct AttentionInputGradient<TShape> : IMatMulShape where TShape : struct, IAttentionShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 3 * TShape.Width; }
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Width; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(3 * TShape.Width, TShape.Width); }
}

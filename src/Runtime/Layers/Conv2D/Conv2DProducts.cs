using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

// A convolution layer's kernels (weights W [R, F] with R = C·K·K, one sample's columns [R, P] with P = OH·OW), each
// derived from the layer's IConv2DShape: the constants the generator used to write into one struct per kernel.
// Every member and rule is AggressiveInlining: the kernels that read them are large, and past the JIT's inlining
// budget a member left as a call runs in the inner loop instead of folding to a constant.

/// <summary>Rules the convolution's kernels share.</summary>
internal static class Conv2DRules
{
    /// <summary>R, the rows of the unrolled input (and of W).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rows<TShape>() where TShape : struct, IConv2DShape => TShape.Channels * TShape.KernelSize * TShape.KernelSize;

    /// <summary>P, the output positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Positions<TShape>() where TShape : struct, IConv2DShape => TShape.OutputHeight * TShape.OutputWidth;

    /// <summary>
    /// Whether training keeps every sample's columns for the weight gradient (up to 64 KB of them per sample), or the
    /// weight gradient unrolls each sample's input again (a batch of large columns would be tens of megabytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool KeepsColumns<TShape>() where TShape : struct, IConv2DShape => Rows<TShape>() * Positions<TShape>() <= 16 * 1024;

    /// <summary>Stride 1 without padding: every row of the columns is one whole run of an image row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PlainStrideOne<TShape>() where TShape : struct, IConv2DShape =>
        TShape.Stride == 1 && TShape.PadTop == 0 && TShape.PadLeft == 0
        && TShape.OutputWidth == TShape.Width - TShape.KernelSize + 1 && TShape.OutputHeight == TShape.Height - TShape.KernelSize + 1;

    /// <summary>Whether the direct kernel (<see cref="DirectConvolution.Forward{TShape}"/>) can run the shape: output rows of a whole Vector256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool DirectFits<TShape>() where TShape : struct, IConv2DShape => PlainStrideOne<TShape>() && TShape.OutputWidth >= 8;

    /// <summary>Whether the pooled kernel (<see cref="DirectConvolution.PooledForward{TShape}"/>) can: the filters fill a Vector256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PooledFits<TShape>() where TShape : struct, IConv2DShape => PlainStrideOne<TShape>() && TShape.Filters >= 8;
}

/// <summary>Forward: y[F, P] = b[f] + Wᵀ · columns, ReLU fused when the layer's activation is ReLU.</summary>
internal struct Conv2DForwardProduct<TShape> : IMatMulShape where TShape : struct, IConv2DShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int Rows => TShape.Filters;
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Rows<TShape>(); }
    public static int LeftRowStride => 1;
    public static int LeftReductionStride => TShape.Filters;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static MatMulStart Start => MatMulStart.RowBias;
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(Conv2DRules.Rows<TShape>(), Conv2DRules.Positions<TShape>()); }
}

/// <summary>Weight gradient: dW[R, F] += columns · δᵀ, both operands along the positions.</summary>
internal struct Conv2DWeightProduct<TShape> : IDotProductShape where TShape : struct, IConv2DShape
{
    public static int Rows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Rows<TShape>(); }
    public static int Columns => TShape.Filters;
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int RightRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int ResultRowStride => TShape.Filters;
    public static bool Accumulate => true;
}

/// <summary>Input gradient before col2im: dcolumns[R, P] = W · δ.</summary>
internal struct Conv2DInputProduct<TShape> : IMatMulShape where TShape : struct, IConv2DShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int Rows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Rows<TShape>(); }
    public static int Reduction => TShape.Filters;
    public static int LeftRowStride => TShape.Filters;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Filters, Conv2DRules.Positions<TShape>()); }
}

/// <summary>The direct convolution (and the one fused with 2×2 max pooling) of a shape it fits.</summary>
internal struct Conv2DDirect<TShape> : IConvolutionShape where TShape : struct, IConv2DShape
{
    public static int Channels => TShape.Channels;
    public static int Height => TShape.Height;
    public static int Width => TShape.Width;
    public static int Filters => TShape.Filters;
    public static int KernelSize => TShape.KernelSize;
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
}

/// <summary>
/// Forward with a BatchNorm folded in (inference): y[f, p] = scale[f] · Σ_r W[r, f] · columns[r, p] + shift[f], from the
/// fold's [scales, shifts] in place of the bias, ReLU fused when the activation after the fold is ReLU.
/// </summary>
internal struct Conv2DFoldedProduct<TShape> : IMatMulShape where TShape : struct, IConv2DShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int Rows => TShape.Filters;
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Rows<TShape>(); }
    public static int LeftRowStride => 1;
    public static int LeftReductionStride => TShape.Filters;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Conv2DRules.Positions<TShape>(); }
    public static MatMulStart Start => MatMulStart.RowBias;
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
    public static int ShiftOffset { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Filters; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(Conv2DRules.Rows<TShape>(), Conv2DRules.Positions<TShape>()); }
}

/// <summary>The direct convolution with a BatchNorm folded in: each sum scaled and shifted per filter from the fold's [scales, shifts].</summary>
internal struct Conv2DScaledDirect<TShape> : IConvolutionShape where TShape : struct, IConv2DShape
{
    public static int Channels => TShape.Channels;
    public static int Height => TShape.Height;
    public static int Width => TShape.Width;
    public static int Filters => TShape.Filters;
    public static int KernelSize => TShape.KernelSize;
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
    public static bool Scaled => true;
}

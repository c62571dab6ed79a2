using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

// The three products of a Dense layer (x [rows, n], W [n, m], dz [rows, m]), each derived from the layer's
// IDenseShape: the same constants the generator used to write into one struct per product, now worked out by the JIT
// from two numbers. The choices (cache slices, panels) follow DenseLayer's rules below.
// Every member and rule is AggressiveInlining: the kernels that read them are large, and past the JIT's inlining
// budget a member left as a call runs in the inner loop instead of folding to a constant.

/// <summary>Rules the Dense products share.</summary>
internal static class DenseProductRules
{
    /// <summary>Weights at least this large (bytes) are multiplied from column panels; smaller ones stay cached as they are.</summary>
    public const int MinPanelBytes = 1024 * 1024;

    /// <summary>The longest reduction copied into panels in one slice: a 16-wide panel of it is 128 KB.</summary>
    public const int MaxSlice = 2048;

    /// <summary>A run-time row count from which the forward copies W into panels; below it W is read in place.</summary>
    public const int MinPanelRows = 16;

    /// <summary>Whether a layer of n inputs and m units multiplies from panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool UsesPanels<TShape>() where TShape : struct, IDenseShape =>
        (long)TShape.Inputs * TShape.Units * sizeof(float) >= MinPanelBytes;
}

/// <summary>Forward: y[rows, m] = bias + x[rows, n] · W[n, m], ReLU fused when the layer's activation is ReLU.</summary>
internal struct DenseForward<TShape> : IPanelMatMulShape where TShape : struct, IDenseShape
{
    public static int Columns => TShape.Units;
    public static int Reduction => TShape.Inputs;
    public static int LeftRowStride => TShape.Inputs;
    public static int RightReductionStride => TShape.Units;
    public static int ResultRowStride => TShape.Units;
    public static MatMulStart Start => MatMulStart.Bias;
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Inputs, TShape.Units); }
    public static int Slice { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => System.Math.Min(TShape.Inputs, DenseProductRules.MaxSlice); }
    public static int MinRows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.MinPanelRows; }
}

/// <summary>
/// Forward with a BatchNorm folded in (inference): y[rows, m] = scale · (x · W) + shift per unit, from the fold's
/// [scales, shifts] in place of the bias, ReLU fused when the activation after the fold is ReLU; the rest as <see cref="DenseForward{TShape}"/>.
/// </summary>
internal struct DenseFoldedForward<TShape> : IPanelMatMulShape where TShape : struct, IDenseShape
{
    public static int Columns => TShape.Units;
    public static int Reduction => TShape.Inputs;
    public static int LeftRowStride => TShape.Inputs;
    public static int RightReductionStride => TShape.Units;
    public static int ResultRowStride => TShape.Units;
    public static MatMulStart Start => MatMulStart.Bias;
    public static int ShiftOffset { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Units; }
    public static bool FusedReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Activation == Activation.ReLU; }
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Inputs, TShape.Units); }
    public static int Slice { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => System.Math.Min(TShape.Inputs, DenseProductRules.MaxSlice); }
    public static int MinRows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.MinPanelRows; }
}

/// <summary>Weight gradient: dW[n, m] += xᵀ · dz, the reduction over the rows in cache slices (panels for large layers).</summary>
internal struct DenseWeightGradient<TShape> : IPanelMatMulShape where TShape : struct, IDenseShape
{
    public static int Columns => TShape.Units;
    public static int Rows => TShape.Inputs;
    public static int LeftRowStride => 1;
    public static int LeftReductionStride => TShape.Inputs;
    public static int RightReductionStride => TShape.Units;
    public static int ResultRowStride => TShape.Units;
    public static MatMulStart Start => MatMulStart.Accumulate;
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.UsesPanels<TShape>() ? 0 : ProductSlices.ChunkFor(TShape.Units); }
    public static int Slice { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.RunTimeSlice; }
    public static bool LeftCopied => true;
}

/// <summary>Input gradient: dx[rows, n] = dz[rows, m] · Wᵀ, read from a copy of Wᵀ [m, n] (or panels of it for large layers).</summary>
internal struct DenseInputGradient<TShape> : IPanelMatMulShape where TShape : struct, IDenseShape
{
    public static int Columns => TShape.Inputs;
    public static int Reduction => TShape.Units;
    public static int LeftRowStride => TShape.Units;
    // From panels, right is W itself read down its rows (the copy transposes it); else it is the transposed copy.
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.UsesPanels<TShape>() ? 1 : TShape.Inputs; }
    public static int RightColumnStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.UsesPanels<TShape>() ? TShape.Units : 1; }
    public static int ResultRowStride => TShape.Inputs;
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DenseProductRules.UsesPanels<TShape>() ? 0 : ProductSlices.CacheSlice(TShape.Units, TShape.Inputs); }
    public static int Slice { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => System.Math.Min(TShape.Units, DenseProductRules.MaxSlice); }
}

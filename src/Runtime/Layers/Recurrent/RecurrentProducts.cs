using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

// The six products of a recurrent layer (x [rows, n], W [n, g], U [u, g], g = gates · u), each derived from the
// layer's IRecurrentLayerShape: the constants the generator used to write into one struct per product.
// Every derived member is AggressiveInlining: the kernels that read them are large, and past the JIT's inlining
// budget a member left as a call runs in the inner loop instead of folding to a constant.

/// <summary>Every step's input product at once: z[rows, g] = b + x[rows, n] · W.</summary>
internal struct RecurrentInputProduct<TShape> : IMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int Reduction => TShape.Inputs;
    public static int LeftRowStride => TShape.Inputs;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static MatMulStart Start => MatMulStart.Bias;
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(TShape.Inputs, RecurrentLayer.GateColumns<TShape>()); }
}

/// <summary>One step's recurrent product over the batch: z_t[batch, g] += h_{t−1}[batch, u] · U, from U packed once.</summary>
internal struct RecurrentStepProduct<TShape> : IPanelMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int Reduction => TShape.Units;
    public static int LeftRowStride => TShape.Units;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static MatMulStart Start => MatMulStart.Accumulate;
    public static int Slice => TShape.Units;
    public static bool RightPacked => true;
}

/// <summary>One step's gradient to the state before: dh_{t−1}[batch, u] = dz_t[batch, g] · Uᵀ, U read down its rows from panels packed once.</summary>
internal struct RecurrentStepGradient<TShape> : IPanelMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns => TShape.Units;
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int RightReductionStride => 1;
    public static int ResultRowStride => TShape.Units;
    public static int Slice { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int RightColumnStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static bool RightPacked => true;
}

/// <summary>dW[n, g] += Xᵀ · dz over every step: the reduction runs over the rows, X's columns copied into rows and dz into panels a slice at a time.</summary>
internal struct RecurrentInputWeightGradient<TShape> : IPanelMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int Rows => TShape.Inputs;
    public static int LeftRowStride => 1;
    public static int LeftReductionStride => TShape.Inputs;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static MatMulStart Start => MatMulStart.Accumulate;
    public static int Slice => ProductSlices.RunTimeSlice;
    public static bool LeftCopied => true;
}

/// <summary>dU[u, g] += H_{t−1}ᵀ · dz over every step, as <see cref="RecurrentInputWeightGradient{TShape}"/> with the states as left.</summary>
internal struct RecurrentStateWeightGradient<TShape> : IPanelMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int Rows => TShape.Units;
    public static int LeftRowStride => 1;
    public static int LeftReductionStride => TShape.Units;
    public static int RightReductionStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int ResultRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static MatMulStart Start => MatMulStart.Accumulate;
    public static int Slice => ProductSlices.RunTimeSlice;
    public static bool LeftCopied => true;
}

/// <summary>Every step's input gradient at once: dX[rows, n] = dz[rows, g] · Wᵀ, read from a copy of Wᵀ [g, n].</summary>
internal struct RecurrentInputGradient<TShape> : IMatMulShape where TShape : struct, IRecurrentLayerShape
{
    public static int Columns => TShape.Inputs;
    public static int Reduction { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int LeftRowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => RecurrentLayer.GateColumns<TShape>(); }
    public static int RightReductionStride => TShape.Inputs;
    public static int ResultRowStride => TShape.Inputs;
    public static int ReductionChunk { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductSlices.CacheSlice(RecurrentLayer.GateColumns<TShape>(), TShape.Inputs); }
}

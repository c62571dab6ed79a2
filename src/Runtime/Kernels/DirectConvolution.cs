using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// The direct convolution for stride 1 without padding, one sample, with no im2col copy, and the same convolution
/// fused with the 2×2 max pooling after it; written once and specialised per shape by an
/// <see cref="IConvolutionShape"/> struct, so every size, stride and block count is a constant.
/// <see cref="Forward{TShape}"/> is vectorised over the output positions of one output row (a row whose width is not a
/// multiple of the vector ends with a vector that overlaps the one before it and stores the same values again) and
/// register-blocked over a few filters:
///   y[f, oy, ox..] = act(b[f] + Σ_c Σ_ky Σ_kx W[c, ky, kx, f] · x[c, oy + ky, ox + kx ..])
/// <see cref="PooledForward{TShape}"/> is vectorised over the filters, and each block holds the four convolution
/// outputs of one or two pooled positions in registers and keeps only their maximum, never writing the convolution's
/// output. Both start every sum at the bias and add the taps in the order c, ky, kx, and the maximum makes the
/// pooling's comparisons in its order, so the fused pass gives the direct convolution followed by the pooling, bit for
/// bit. Vector256 and Vector128 paths; the caller checks that one is accelerated and that a row (direct) or the
/// filters (pooled) fill one vector.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DirectConvolution
{
    /// <summary>Accumulators per block: two FMA pipes of four cycles' latency need eight independent sums.</summary>
    private const int Accumulators = 8;

    /// <summary>Vectors of one output row held at once; more would leave too few registers for the filters.</summary>
    private const int MaxRowVectors = 4;

    /// <summary>The widest kernel whose row of taps is written out with constant offsets.</summary>
    private const int UnrolledKernel = 5;

    /// <summary>
    /// One sample's convolution: <paramref name="image"/> [C, H, W], <paramref name="weights"/> [C, K, K, F],
    /// <paramref name="bias"/> [F] → <paramref name="result"/> [F, H − K + 1, W − K + 1], on Vector256 where it is
    /// accelerated, else Vector128.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape
    {
        if (Vector256.IsHardwareAccelerated) ForwardVector256<TShape>(ref image, ref weights, ref bias, ref result);
        else ForwardVector128<TShape>(ref image, ref weights, ref bias, ref result);
    }

    /// <summary>The Vector256 path of <see cref="Forward{TShape}"/>: output rows of at least 8.</summary>
    public static void ForwardVector256<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape =>
        Rows<TShape, Lanes256, Vector256<float>>(ref image, ref weights, ref bias, ref result);

    /// <summary>The Vector128 path of <see cref="Forward{TShape}"/>: output rows of at least 4.</summary>
    public static void ForwardVector128<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape =>
        Rows<TShape, Lanes128, Vector128<float>>(ref image, ref weights, ref bias, ref result);

    /// <summary>
    /// One sample's convolution and 2×2 max pooling (stride 2, the last odd row and column dropped):
    /// <paramref name="result"/> [F, ⌊(H − K + 1) / 2⌋, ⌊(W − K + 1) / 2⌋], on Vector256 where it is accelerated, else Vector128.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void PooledForward<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape
    {
        if (Vector256.IsHardwareAccelerated) PooledForwardVector256<TShape>(ref image, ref weights, ref bias, ref result);
        else PooledForwardVector128<TShape>(ref image, ref weights, ref bias, ref result);
    }

    /// <summary>The Vector256 path of <see cref="PooledForward{TShape}"/>: at least 8 filters.</summary>
    public static void PooledForwardVector256<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape =>
        PooledRows<TShape, Lanes256, Vector256<float>>(ref image, ref weights, ref bias, ref result);

    /// <summary>The Vector128 path of <see cref="PooledForward{TShape}"/>: at least 4 filters.</summary>
    public static void PooledForwardVector128<TShape>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape =>
        PooledRows<TShape, Lanes128, Vector128<float>>(ref image, ref weights, ref bias, ref result);

    private static int OutHeight<TShape>() where TShape : struct, IConvolutionShape => TShape.Height - TShape.KernelSize + 1;

    private static int OutWidth<TShape>() where TShape : struct, IConvolutionShape => TShape.Width - TShape.KernelSize + 1;

    /// <summary>Where vector <paramref name="index"/> of those covering [0, <paramref name="length"/>) starts: every vector's width, the last moved back to end at the end.</summary>
    private static nint VectorStart(int index, int length, int width) => Math.Min(index * width, length - width);

    /// <summary>Every output row, in chunks of up to <see cref="MaxRowVectors"/> vectors (the rows loop inside each block).</summary>
    private static void Rows<TShape, TLanes, TVector>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int vectors = (OutWidth<TShape>() + TLanes.Count - 1) / TLanes.Count;
        int chunk = 0;
        for (; chunk + MaxRowVectors <= vectors; chunk += MaxRowVectors)
        {
            FilterBlocks<TShape, TLanes, TVector, Count4>(ref image, ref result, ref weights, ref bias, chunk);
        }
        switch (vectors - chunk)
        {
            case 1: FilterBlocks<TShape, TLanes, TVector, Count1>(ref image, ref result, ref weights, ref bias, chunk); break;
            case 2: FilterBlocks<TShape, TLanes, TVector, Count2>(ref image, ref result, ref weights, ref bias, chunk); break;
            case 3: FilterBlocks<TShape, TLanes, TVector, Count3>(ref image, ref result, ref weights, ref bias, chunk); break;
        }
    }

    /// <summary>The filters in blocks of <see cref="Accumulators"/> / <typeparamref name="TColumns"/>, then what is left, at the row vectors from <paramref name="chunk"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FilterBlocks<TShape, TLanes, TVector, TColumns>(ref float image, ref float result, ref float weights, ref float bias, int chunk)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TColumns : struct, ITileCount
    {
        int block = Math.Min(TShape.Filters, Math.Max(1, Accumulators / TColumns.Value));
        int whole = TShape.Filters / block * block;
        if (whole > 0) FilterBlock<TShape, TLanes, TVector, TColumns>(block, ref image, ref result, ref weights, ref bias, chunk, 0, whole);
        if (whole < TShape.Filters) FilterBlock<TShape, TLanes, TVector, TColumns>(TShape.Filters - whole, ref image, ref result, ref weights, ref bias, chunk, whole, TShape.Filters);
    }

    /// <summary><paramref name="count"/> (a constant where this is inlined) as a type argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FilterBlock<TShape, TLanes, TVector, TColumns>(int count, ref float image, ref float result, ref float weights, ref float bias, int chunk, int start, int end)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TColumns : struct, ITileCount
    {
        switch (count)
        {
            case 1: Block<TShape, TLanes, TVector, TColumns, Count1>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 2: Block<TShape, TLanes, TVector, TColumns, Count2>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 3: Block<TShape, TLanes, TVector, TColumns, Count3>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 4: Block<TShape, TLanes, TVector, TColumns, Count4>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 5: Block<TShape, TLanes, TVector, TColumns, Count5>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 6: Block<TShape, TLanes, TVector, TColumns, Count6>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 7: Block<TShape, TLanes, TVector, TColumns, Count7>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
            case 8: Block<TShape, TLanes, TVector, TColumns, Count8>(ref image, ref result, ref weights, ref bias, chunk, start, end); break;
        }
    }

    /// <summary>
    /// Filters [<paramref name="start"/>, <paramref name="end"/>), <typeparamref name="TFilters"/> at a time, at
    /// <typeparamref name="TColumns"/> row vectors from <paramref name="chunk"/> on: accumulator a{i}_{j} for filter i of
    /// a block and row vector j, all in registers; every output row, looped here rather than by the caller because a
    /// call per row cost the small convolutions of W4's network several percent.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block<TShape, TLanes, TVector, TColumns, TFilters>(ref float image, ref float result, ref float weights, ref float bias, int chunk, int start, int end)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TColumns : struct, ITileCount
        where TFilters : struct, ITileCount
    {
        int outWidth = OutWidth<TShape>(), width = TLanes.Count;
        nint column0 = VectorStart(chunk + 0, outWidth, width);
        nint column1 = TColumns.Value > 1 ? VectorStart(chunk + 1, outWidth, width) : 0;
        nint column2 = TColumns.Value > 2 ? VectorStart(chunk + 2, outWidth, width) : 0;
        nint column3 = TColumns.Value > 3 ? VectorStart(chunk + 3, outWidth, width) : 0;
        nint positions = OutHeight<TShape>() * outWidth;
        for (int oy = 0; oy < OutHeight<TShape>(); oy++)
        {
            ref float imageRow = ref Unsafe.Add(ref image, oy * TShape.Width);
            ref float resultRow = ref Unsafe.Add(ref result, oy * outWidth);
            for (int f = start; f < end; f += TFilters.Value)
            {
                TVector a0_0 = Start<TShape, TLanes, TVector>(ref bias, f + 0);
                TVector a0_1 = TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 0) : default;
                TVector a0_2 = TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 0) : default;
                TVector a0_3 = TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 0) : default;
                TVector a1_0 = TFilters.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 1) : default;
                TVector a1_1 = TFilters.Value > 1 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 1) : default;
                TVector a1_2 = TFilters.Value > 1 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 1) : default;
                TVector a1_3 = TFilters.Value > 1 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 1) : default;
                TVector a2_0 = TFilters.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 2) : default;
                TVector a2_1 = TFilters.Value > 2 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 2) : default;
                TVector a2_2 = TFilters.Value > 2 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 2) : default;
                TVector a2_3 = TFilters.Value > 2 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 2) : default;
                TVector a3_0 = TFilters.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 3) : default;
                TVector a3_1 = TFilters.Value > 3 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 3) : default;
                TVector a3_2 = TFilters.Value > 3 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 3) : default;
                TVector a3_3 = TFilters.Value > 3 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 3) : default;
                TVector a4_0 = TFilters.Value > 4 ? Start<TShape, TLanes, TVector>(ref bias, f + 4) : default;
                TVector a4_1 = TFilters.Value > 4 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 4) : default;
                TVector a4_2 = TFilters.Value > 4 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 4) : default;
                TVector a4_3 = TFilters.Value > 4 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 4) : default;
                TVector a5_0 = TFilters.Value > 5 ? Start<TShape, TLanes, TVector>(ref bias, f + 5) : default;
                TVector a5_1 = TFilters.Value > 5 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 5) : default;
                TVector a5_2 = TFilters.Value > 5 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 5) : default;
                TVector a5_3 = TFilters.Value > 5 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 5) : default;
                TVector a6_0 = TFilters.Value > 6 ? Start<TShape, TLanes, TVector>(ref bias, f + 6) : default;
                TVector a6_1 = TFilters.Value > 6 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 6) : default;
                TVector a6_2 = TFilters.Value > 6 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 6) : default;
                TVector a6_3 = TFilters.Value > 6 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 6) : default;
                TVector a7_0 = TFilters.Value > 7 ? Start<TShape, TLanes, TVector>(ref bias, f + 7) : default;
                TVector a7_1 = TFilters.Value > 7 && TColumns.Value > 1 ? Start<TShape, TLanes, TVector>(ref bias, f + 7) : default;
                TVector a7_2 = TFilters.Value > 7 && TColumns.Value > 2 ? Start<TShape, TLanes, TVector>(ref bias, f + 7) : default;
                TVector a7_3 = TFilters.Value > 7 && TColumns.Value > 3 ? Start<TShape, TLanes, TVector>(ref bias, f + 7) : default;
                ref float tap = ref Unsafe.Add(ref weights, f);
                ref float plane = ref imageRow;
                for (int c = 0; c < TShape.Channels; c++)
                {
                    ref float rowWindow = ref plane;
                    ref float rowTaps = ref tap;
                    for (int ky = 0; ky < TShape.KernelSize; ky++)
                    {
                        // The taps of a row written out for kernels up to 5 wide, so every offset is a constant; wider ones loop.
                        if (TShape.KernelSize <= UnrolledKernel)
                        {
                            if (TShape.KernelSize > 0)
                            {
                                const int kx = 0;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                            if (TShape.KernelSize > 1)
                            {
                                const int kx = 1;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                            if (TShape.KernelSize > 2)
                            {
                                const int kx = 2;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                            if (TShape.KernelSize > 3)
                            {
                                const int kx = 3;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                            if (TShape.KernelSize > 4)
                            {
                                const int kx = 4;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                        }
                        else
                        {
                            for (int kx = 0; kx < TShape.KernelSize; kx++)
                            {
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector x0 = TLanes.Load(ref window, column0);
                                TVector x1 = TColumns.Value > 1 ? TLanes.Load(ref window, column1) : default;
                                TVector x2 = TColumns.Value > 2 ? TLanes.Load(ref window, column2) : default;
                                TVector x3 = TColumns.Value > 3 ? TLanes.Load(ref window, column3) : default;
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 0));
                                    a0_0 = TLanes.MultiplyAdd(x0, w, a0_0);
                                    if (TColumns.Value > 1) a0_1 = TLanes.MultiplyAdd(x1, w, a0_1);
                                    if (TColumns.Value > 2) a0_2 = TLanes.MultiplyAdd(x2, w, a0_2);
                                    if (TColumns.Value > 3) a0_3 = TLanes.MultiplyAdd(x3, w, a0_3);
                                }
                                if (TFilters.Value > 1)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 1));
                                    a1_0 = TLanes.MultiplyAdd(x0, w, a1_0);
                                    if (TColumns.Value > 1) a1_1 = TLanes.MultiplyAdd(x1, w, a1_1);
                                    if (TColumns.Value > 2) a1_2 = TLanes.MultiplyAdd(x2, w, a1_2);
                                    if (TColumns.Value > 3) a1_3 = TLanes.MultiplyAdd(x3, w, a1_3);
                                }
                                if (TFilters.Value > 2)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 2));
                                    a2_0 = TLanes.MultiplyAdd(x0, w, a2_0);
                                    if (TColumns.Value > 1) a2_1 = TLanes.MultiplyAdd(x1, w, a2_1);
                                    if (TColumns.Value > 2) a2_2 = TLanes.MultiplyAdd(x2, w, a2_2);
                                    if (TColumns.Value > 3) a2_3 = TLanes.MultiplyAdd(x3, w, a2_3);
                                }
                                if (TFilters.Value > 3)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 3));
                                    a3_0 = TLanes.MultiplyAdd(x0, w, a3_0);
                                    if (TColumns.Value > 1) a3_1 = TLanes.MultiplyAdd(x1, w, a3_1);
                                    if (TColumns.Value > 2) a3_2 = TLanes.MultiplyAdd(x2, w, a3_2);
                                    if (TColumns.Value > 3) a3_3 = TLanes.MultiplyAdd(x3, w, a3_3);
                                }
                                if (TFilters.Value > 4)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 4));
                                    a4_0 = TLanes.MultiplyAdd(x0, w, a4_0);
                                    if (TColumns.Value > 1) a4_1 = TLanes.MultiplyAdd(x1, w, a4_1);
                                    if (TColumns.Value > 2) a4_2 = TLanes.MultiplyAdd(x2, w, a4_2);
                                    if (TColumns.Value > 3) a4_3 = TLanes.MultiplyAdd(x3, w, a4_3);
                                }
                                if (TFilters.Value > 5)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 5));
                                    a5_0 = TLanes.MultiplyAdd(x0, w, a5_0);
                                    if (TColumns.Value > 1) a5_1 = TLanes.MultiplyAdd(x1, w, a5_1);
                                    if (TColumns.Value > 2) a5_2 = TLanes.MultiplyAdd(x2, w, a5_2);
                                    if (TColumns.Value > 3) a5_3 = TLanes.MultiplyAdd(x3, w, a5_3);
                                }
                                if (TFilters.Value > 6)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 6));
                                    a6_0 = TLanes.MultiplyAdd(x0, w, a6_0);
                                    if (TColumns.Value > 1) a6_1 = TLanes.MultiplyAdd(x1, w, a6_1);
                                    if (TColumns.Value > 2) a6_2 = TLanes.MultiplyAdd(x2, w, a6_2);
                                    if (TColumns.Value > 3) a6_3 = TLanes.MultiplyAdd(x3, w, a6_3);
                                }
                                if (TFilters.Value > 7)
                                {
                                    TVector w = TLanes.Broadcast(Unsafe.Add(ref taps, 7));
                                    a7_0 = TLanes.MultiplyAdd(x0, w, a7_0);
                                    if (TColumns.Value > 1) a7_1 = TLanes.MultiplyAdd(x1, w, a7_1);
                                    if (TColumns.Value > 2) a7_2 = TLanes.MultiplyAdd(x2, w, a7_2);
                                    if (TColumns.Value > 3) a7_3 = TLanes.MultiplyAdd(x3, w, a7_3);
                                }
                            }
                        }
                        rowWindow = ref Unsafe.Add(ref rowWindow, TShape.Width);
                        rowTaps = ref Unsafe.Add(ref rowTaps, TShape.KernelSize * TShape.Filters);
                    }
                    plane = ref Unsafe.Add(ref plane, TShape.Height * TShape.Width);
                    tap = ref Unsafe.Add(ref tap, TShape.KernelSize * TShape.KernelSize * TShape.Filters);
                }
                Store<TShape, TLanes, TVector>(a0_0, ref resultRow, (f + 0) * positions + column0, ref bias, f + 0);
                if (TColumns.Value > 1) Store<TShape, TLanes, TVector>(a0_1, ref resultRow, (f + 0) * positions + column1, ref bias, f + 0);
                if (TColumns.Value > 2) Store<TShape, TLanes, TVector>(a0_2, ref resultRow, (f + 0) * positions + column2, ref bias, f + 0);
                if (TColumns.Value > 3) Store<TShape, TLanes, TVector>(a0_3, ref resultRow, (f + 0) * positions + column3, ref bias, f + 0);
                if (TFilters.Value > 1) Store<TShape, TLanes, TVector>(a1_0, ref resultRow, (f + 1) * positions + column0, ref bias, f + 1);
                if (TFilters.Value > 1 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a1_1, ref resultRow, (f + 1) * positions + column1, ref bias, f + 1);
                if (TFilters.Value > 1 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a1_2, ref resultRow, (f + 1) * positions + column2, ref bias, f + 1);
                if (TFilters.Value > 1 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a1_3, ref resultRow, (f + 1) * positions + column3, ref bias, f + 1);
                if (TFilters.Value > 2) Store<TShape, TLanes, TVector>(a2_0, ref resultRow, (f + 2) * positions + column0, ref bias, f + 2);
                if (TFilters.Value > 2 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a2_1, ref resultRow, (f + 2) * positions + column1, ref bias, f + 2);
                if (TFilters.Value > 2 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a2_2, ref resultRow, (f + 2) * positions + column2, ref bias, f + 2);
                if (TFilters.Value > 2 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a2_3, ref resultRow, (f + 2) * positions + column3, ref bias, f + 2);
                if (TFilters.Value > 3) Store<TShape, TLanes, TVector>(a3_0, ref resultRow, (f + 3) * positions + column0, ref bias, f + 3);
                if (TFilters.Value > 3 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a3_1, ref resultRow, (f + 3) * positions + column1, ref bias, f + 3);
                if (TFilters.Value > 3 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a3_2, ref resultRow, (f + 3) * positions + column2, ref bias, f + 3);
                if (TFilters.Value > 3 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a3_3, ref resultRow, (f + 3) * positions + column3, ref bias, f + 3);
                if (TFilters.Value > 4) Store<TShape, TLanes, TVector>(a4_0, ref resultRow, (f + 4) * positions + column0, ref bias, f + 4);
                if (TFilters.Value > 4 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a4_1, ref resultRow, (f + 4) * positions + column1, ref bias, f + 4);
                if (TFilters.Value > 4 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a4_2, ref resultRow, (f + 4) * positions + column2, ref bias, f + 4);
                if (TFilters.Value > 4 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a4_3, ref resultRow, (f + 4) * positions + column3, ref bias, f + 4);
                if (TFilters.Value > 5) Store<TShape, TLanes, TVector>(a5_0, ref resultRow, (f + 5) * positions + column0, ref bias, f + 5);
                if (TFilters.Value > 5 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a5_1, ref resultRow, (f + 5) * positions + column1, ref bias, f + 5);
                if (TFilters.Value > 5 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a5_2, ref resultRow, (f + 5) * positions + column2, ref bias, f + 5);
                if (TFilters.Value > 5 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a5_3, ref resultRow, (f + 5) * positions + column3, ref bias, f + 5);
                if (TFilters.Value > 6) Store<TShape, TLanes, TVector>(a6_0, ref resultRow, (f + 6) * positions + column0, ref bias, f + 6);
                if (TFilters.Value > 6 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a6_1, ref resultRow, (f + 6) * positions + column1, ref bias, f + 6);
                if (TFilters.Value > 6 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a6_2, ref resultRow, (f + 6) * positions + column2, ref bias, f + 6);
                if (TFilters.Value > 6 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a6_3, ref resultRow, (f + 6) * positions + column3, ref bias, f + 6);
                if (TFilters.Value > 7) Store<TShape, TLanes, TVector>(a7_0, ref resultRow, (f + 7) * positions + column0, ref bias, f + 7);
                if (TFilters.Value > 7 && TColumns.Value > 1) Store<TShape, TLanes, TVector>(a7_1, ref resultRow, (f + 7) * positions + column1, ref bias, f + 7);
                if (TFilters.Value > 7 && TColumns.Value > 2) Store<TShape, TLanes, TVector>(a7_2, ref resultRow, (f + 7) * positions + column2, ref bias, f + 7);
                if (TFilters.Value > 7 && TColumns.Value > 3) Store<TShape, TLanes, TVector>(a7_3, ref resultRow, (f + 7) * positions + column3, ref bias, f + 7);
            }
        }
    }

    /// <summary>An accumulator's first value: filter <paramref name="filter"/>'s bias, or zero when <see cref="IConvolutionShape.Scaled"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TVector Start<TShape, TLanes, TVector>(ref float bias, nint filter)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct =>
        TShape.Scaled ? TLanes.Zero : TLanes.Broadcast(Unsafe.Add(ref bias, filter));

    /// <summary>Stores filter <paramref name="filter"/>'s finished sums: scaled and shifted when <see cref="IConvolutionShape.Scaled"/>, then the fused ReLU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Store<TShape, TLanes, TVector>(TVector sum, ref float row, nint offset, ref float bias, nint filter)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        if (TShape.Scaled) sum = TLanes.MultiplyAdd(sum, TLanes.Broadcast(Unsafe.Add(ref bias, filter)), TLanes.Broadcast(Unsafe.Add(ref bias, TShape.Filters + filter)));
        TLanes.Store(TShape.FusedReLU ? TLanes.ReLU(sum) : sum, ref row, offset);
    }

    /// <summary>
    /// Every pooled row; the filter vectors in groups of two (one pooled position a block: 4 corners × 2 vectors = 8
    /// sums) and a last odd vector alone (two pooled positions a block).
    /// </summary>
    private static void PooledRows<TShape, TLanes, TVector>(ref float image, ref float weights, ref float bias, ref float result)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IPoolingLanes<TVector>
        where TVector : struct
    {
        int pooledWidth = OutWidth<TShape>() / 2;
        int vectors = (TShape.Filters + TLanes.Count - 1) / TLanes.Count;
        int group = 0;
        for (; group + 2 <= vectors; group += 2)
        {
            PooledBlocks<TShape, TLanes, TVector, Count2, Count1>(ref image, ref result, ref weights, ref bias, group, 0, pooledWidth);
        }
        if (group < vectors)
        {
            int pairs = pooledWidth / 2 * 2;
            PooledBlocks<TShape, TLanes, TVector, Count1, Count2>(ref image, ref result, ref weights, ref bias, group, 0, pairs);
            if (pairs < pooledWidth) PooledBlocks<TShape, TLanes, TVector, Count1, Count1>(ref image, ref result, ref weights, ref bias, group, pairs, pooledWidth);
        }
    }

    /// <summary>
    /// Pooled positions [<paramref name="start"/>, <paramref name="end"/>) of every pooled row (looped here, as in
    /// <see cref="Block"/>), <typeparamref name="TPositions"/>
    /// at a time, for the <typeparamref name="TVectors"/> filter vectors from <paramref name="group"/> on: sum
    /// a{p}_{dy}{dx}_{g} for pooled position p of a block, window corner (dy, dx) and filter vector g.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PooledBlocks<TShape, TLanes, TVector, TVectors, TPositions>(ref float image, ref float result, ref float weights, ref float bias, int group, int start, int end)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IPoolingLanes<TVector>
        where TVector : struct
        where TVectors : struct, ITileCount
        where TPositions : struct, ITileCount
    {
        int width = TLanes.Count;
        nint filters0 = VectorStart(group, TShape.Filters, width);
        nint filters1 = TVectors.Value > 1 ? VectorStart(group + 1, TShape.Filters, width) : 0;
        TVector bias0 = TShape.Scaled ? TLanes.Zero : TLanes.Load(ref bias, filters0);
        TVector bias1 = TVectors.Value > 1 && !TShape.Scaled ? TLanes.Load(ref bias, filters1) : TLanes.Zero;
        TVector scale0 = TShape.Scaled ? TLanes.Load(ref bias, filters0) : default;
        TVector scale1 = TShape.Scaled && TVectors.Value > 1 ? TLanes.Load(ref bias, filters1) : default;
        TVector shift0 = TShape.Scaled ? TLanes.Load(ref bias, TShape.Filters + filters0) : default;
        TVector shift1 = TShape.Scaled && TVectors.Value > 1 ? TLanes.Load(ref bias, TShape.Filters + filters1) : default;
        int pooledHeight = OutHeight<TShape>() / 2, pooledWidth = OutWidth<TShape>() / 2;
        nint pooledPlane = pooledHeight * pooledWidth;
        for (int py = 0; py < pooledHeight; py++)
        {
            ref float imageRow = ref Unsafe.Add(ref image, py * 2 * TShape.Width);
            ref float resultRow = ref Unsafe.Add(ref result, py * pooledWidth);
            for (int px = start; px < end; px += TPositions.Value)
            {
                ref float corner = ref Unsafe.Add(ref imageRow, px * 2);
                TVector a0_00_0 = bias0;
                TVector a0_00_1 = TVectors.Value > 1 ? bias1 : default;
                TVector a0_01_0 = bias0;
                TVector a0_01_1 = TVectors.Value > 1 ? bias1 : default;
                TVector a0_10_0 = bias0;
                TVector a0_10_1 = TVectors.Value > 1 ? bias1 : default;
                TVector a0_11_0 = bias0;
                TVector a0_11_1 = TVectors.Value > 1 ? bias1 : default;
                TVector a1_00_0 = TPositions.Value > 1 ? bias0 : default;
                TVector a1_00_1 = TPositions.Value > 1 && TVectors.Value > 1 ? bias1 : default;
                TVector a1_01_0 = TPositions.Value > 1 ? bias0 : default;
                TVector a1_01_1 = TPositions.Value > 1 && TVectors.Value > 1 ? bias1 : default;
                TVector a1_10_0 = TPositions.Value > 1 ? bias0 : default;
                TVector a1_10_1 = TPositions.Value > 1 && TVectors.Value > 1 ? bias1 : default;
                TVector a1_11_0 = TPositions.Value > 1 ? bias0 : default;
                TVector a1_11_1 = TPositions.Value > 1 && TVectors.Value > 1 ? bias1 : default;
                ref float tap = ref weights;
                ref float plane = ref corner;
                for (int c = 0; c < TShape.Channels; c++)
                {
                    ref float rowWindow = ref plane;
                    ref float rowTaps = ref tap;
                    for (int ky = 0; ky < TShape.KernelSize; ky++)
                    {
                        // The taps of a row written out for kernels up to 5 wide, so every offset is a constant; wider ones loop.
                        if (TShape.KernelSize <= UnrolledKernel)
                        {
                            if (TShape.KernelSize > 0)
                            {
                                const int kx = 0;
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                            if (TShape.KernelSize > 1)
                            {
                                const int kx = 1;
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                            if (TShape.KernelSize > 2)
                            {
                                const int kx = 2;
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                            if (TShape.KernelSize > 3)
                            {
                                const int kx = 3;
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                            if (TShape.KernelSize > 4)
                            {
                                const int kx = 4;
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                        }
                        else
                        {
                            for (int kx = 0; kx < TShape.KernelSize; kx++)
                            {
                                ref float taps = ref Unsafe.Add(ref rowTaps, kx * TShape.Filters);
                                TVector w0 = TLanes.Load(ref taps, filters0);
                                TVector w1 = TVectors.Value > 1 ? TLanes.Load(ref taps, filters1) : default;
                                ref float window = ref Unsafe.Add(ref rowWindow, kx);
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 0));
                                    a0_00_0 = TLanes.MultiplyAdd(x, w0, a0_00_0);
                                    if (TVectors.Value > 1) a0_00_1 = TLanes.MultiplyAdd(x, w1, a0_00_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 1));
                                    a0_01_0 = TLanes.MultiplyAdd(x, w0, a0_01_0);
                                    if (TVectors.Value > 1) a0_01_1 = TLanes.MultiplyAdd(x, w1, a0_01_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 0));
                                    a0_10_0 = TLanes.MultiplyAdd(x, w0, a0_10_0);
                                    if (TVectors.Value > 1) a0_10_1 = TLanes.MultiplyAdd(x, w1, a0_10_1);
                                }
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 1));
                                    a0_11_0 = TLanes.MultiplyAdd(x, w0, a0_11_0);
                                    if (TVectors.Value > 1) a0_11_1 = TLanes.MultiplyAdd(x, w1, a0_11_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 2));
                                    a1_00_0 = TLanes.MultiplyAdd(x, w0, a1_00_0);
                                    if (TVectors.Value > 1) a1_00_1 = TLanes.MultiplyAdd(x, w1, a1_00_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 0 * TShape.Width + 3));
                                    a1_01_0 = TLanes.MultiplyAdd(x, w0, a1_01_0);
                                    if (TVectors.Value > 1) a1_01_1 = TLanes.MultiplyAdd(x, w1, a1_01_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 2));
                                    a1_10_0 = TLanes.MultiplyAdd(x, w0, a1_10_0);
                                    if (TVectors.Value > 1) a1_10_1 = TLanes.MultiplyAdd(x, w1, a1_10_1);
                                }
                                if (TPositions.Value > 1)
                                {
                                    TVector x = TLanes.Broadcast(Unsafe.Add(ref window, 1 * TShape.Width + 3));
                                    a1_11_0 = TLanes.MultiplyAdd(x, w0, a1_11_0);
                                    if (TVectors.Value > 1) a1_11_1 = TLanes.MultiplyAdd(x, w1, a1_11_1);
                                }
                            }
                        }
                        rowWindow = ref Unsafe.Add(ref rowWindow, TShape.Width);
                        rowTaps = ref Unsafe.Add(ref rowTaps, TShape.KernelSize * TShape.Filters);
                    }
                    plane = ref Unsafe.Add(ref plane, TShape.Height * TShape.Width);
                    tap = ref Unsafe.Add(ref tap, TShape.KernelSize * TShape.KernelSize * TShape.Filters);
                }
                StorePooled<TShape, TLanes, TVector>(a0_00_0, a0_01_0, a0_10_0, a0_11_0, scale0, shift0, ref resultRow, px + 0, filters0, group, pooledPlane);
                if (TVectors.Value > 1) StorePooled<TShape, TLanes, TVector>(a0_00_1, a0_01_1, a0_10_1, a0_11_1, scale1, shift1, ref resultRow, px + 0, filters1, group + 1, pooledPlane);
                if (TPositions.Value > 1) StorePooled<TShape, TLanes, TVector>(a1_00_0, a1_01_0, a1_10_0, a1_11_0, scale0, shift0, ref resultRow, px + 1, filters0, group, pooledPlane);
                if (TPositions.Value > 1 && TVectors.Value > 1) StorePooled<TShape, TLanes, TVector>(a1_00_1, a1_01_1, a1_10_1, a1_11_1, scale1, shift1, ref resultRow, px + 1, filters1, group + 1, pooledPlane);
            }
        }
    }

    /// <summary>
    /// The maximum of one pooled position's four sums in the pooling's order (the right one of a pair where strictly
    /// greater, then the bottom pair where strictly greater), then ReLU, stored lane by lane into each filter's plane;
    /// a last vector that overlaps the one before it stores only the filters that one did not. A scaled convolution
    /// (<see cref="IConvolutionShape.Scaled"/>) scales and shifts each sum before the maximum: a negative scale
    /// reverses the order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StorePooled<TShape, TLanes, TVector>(TVector topLeft, TVector topRight, TVector bottomLeft, TVector bottomRight, TVector scale, TVector shift, ref float resultRow, nint column, nint firstFilter, int vector, nint pooledPlane)
        where TShape : struct, IConvolutionShape
        where TLanes : struct, IPoolingLanes<TVector>
        where TVector : struct
    {
        if (TShape.Scaled)
        {
            topLeft = TLanes.MultiplyAdd(topLeft, scale, shift);
            topRight = TLanes.MultiplyAdd(topRight, scale, shift);
            bottomLeft = TLanes.MultiplyAdd(bottomLeft, scale, shift);
            bottomRight = TLanes.MultiplyAdd(bottomRight, scale, shift);
        }
        TVector top = TLanes.Greater(topRight, topLeft);
        TVector bottom = TLanes.Greater(bottomRight, bottomLeft);
        TVector max = TLanes.Greater(bottom, top);
        if (TShape.FusedReLU) max = TLanes.ReLU(max);
        // Lane by lane with constant indices (up to 8, the widest path's lanes), so no lane goes through memory.
        nint skip = TShape.Filters % TLanes.Count == 0 ? 0 : vector * TLanes.Count - firstFilter; // only a last, overlapping vector skips
        ref float first = ref Unsafe.Add(ref resultRow, column + firstFilter * pooledPlane);
        if (TLanes.Count > 0 && skip <= 0) Unsafe.Add(ref first, 0 * pooledPlane) = TLanes.Element(max, 0);
        if (TLanes.Count > 1 && skip <= 1) Unsafe.Add(ref first, 1 * pooledPlane) = TLanes.Element(max, 1);
        if (TLanes.Count > 2 && skip <= 2) Unsafe.Add(ref first, 2 * pooledPlane) = TLanes.Element(max, 2);
        if (TLanes.Count > 3 && skip <= 3) Unsafe.Add(ref first, 3 * pooledPlane) = TLanes.Element(max, 3);
        if (TLanes.Count > 4 && skip <= 4) Unsafe.Add(ref first, 4 * pooledPlane) = TLanes.Element(max, 4);
        if (TLanes.Count > 5 && skip <= 5) Unsafe.Add(ref first, 5 * pooledPlane) = TLanes.Element(max, 5);
        if (TLanes.Count > 6 && skip <= 6) Unsafe.Add(ref first, 6 * pooledPlane) = TLanes.Element(max, 6);
        if (TLanes.Count > 7 && skip <= 7) Unsafe.Add(ref first, 7 * pooledPlane) = TLanes.Element(max, 7);
    }
}

using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// Max and average pooling per channel, forward and backward, specialised per layer through the
/// <see cref="IPoolingShape"/> struct it is called with. Max pooling remembers the flat index into the batch input of
/// each window's maximum (the first in scan order), and backward routes each gradient to it; average pooling shares
/// each gradient equally over its window. 2×2 max pooling with stride 2 over rows at least four outputs wide runs on
/// vectors where Vector256 is accelerated (at inference without the arg-max), and gives the scalar path's values and
/// arg-max bit for bit.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pooling
{
    /// <summary>
    /// Max pooling of <paramref name="batch"/> samples; <paramref name="argMax"/> (batch × output size) gets each
    /// window's arg-max, except at inference (<paramref name="training"/> false) on the vector path, which skips it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void MaxForward<TShape>(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, int batch, bool training)
        where TShape : struct, IPoolingShape
    {
        if (Vector256.IsHardwareAccelerated) MaxForwardVector256<TShape>(input, output, argMax, batch, training);
        else MaxForwardScalar<TShape>(input, output, argMax, batch, training);
    }

    /// <summary>
    /// The Vector256 path of <see cref="MaxForward{TShape}"/> (runs in software where AVX2 is missing): 2×2 windows with
    /// stride 2 eight or four outputs at a time; other windows as on the scalar path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxForwardVector256<TShape>(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, int batch, bool training)
        where TShape : struct, IPoolingShape
    {
        if (TShape.Size != 2 || TShape.Stride != 2 || TShape.OutputWidth < 4)
        {
            MaxForwardScalar<TShape>(input, output, argMax, batch, training);
            return;
        }
        Check<TShape>(input.Length, output.Length, batch);
        if (training) CheckArgMax<TShape>(argMax.Length, batch);
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float target = ref MemoryMarshal.GetReference(output);
        ref int targetIndex = ref MemoryMarshal.GetReference(argMax);
        // Once per call, not per group: the shuffle and lane constants stay in registers.
        var lanes = new PairLanes(Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7), Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14), Vector256.Create(1, 3, 5, 7, 9, 11, 13, 15));
        for (int plane = 0; plane < batch * TShape.Channels; plane++)
        {
            int inputPlane = plane * TShape.Height * TShape.Width, outputPlane = plane * TShape.OutputHeight * TShape.OutputWidth;
            for (int oy = 0; oy < TShape.OutputHeight; oy++)
            {
                // Inference keeps no arg-max: the same comparisons in the same order give the same maxima, at about half the work.
                if (training) MaxPairRows<TShape, WithIndex>(lanes, ref source, ref target, ref targetIndex, inputPlane + oy * 2 * TShape.Width, outputPlane + oy * TShape.OutputWidth);
                else MaxPairRows<TShape, WithoutIndex>(lanes, ref source, ref target, ref targetIndex, inputPlane + oy * 2 * TShape.Width, outputPlane + oy * TShape.OutputWidth);
            }
        }
    }

    /// <summary>The scalar path of <see cref="MaxForward{TShape}"/>: one window at a time, any size and stride, always with the arg-max.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxForwardScalar<TShape>(ReadOnlySpan<float> input, Span<float> output, Span<int> argMax, int batch, bool training)
        where TShape : struct, IPoolingShape
    {
        Check<TShape>(input.Length, output.Length, batch);
        CheckArgMax<TShape>(argMax.Length, batch);
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float target = ref MemoryMarshal.GetReference(output);
        ref int targetIndex = ref MemoryMarshal.GetReference(argMax);
        for (int plane = 0; plane < batch * TShape.Channels; plane++)
        {
            int inputPlane = plane * TShape.Height * TShape.Width, outputPlane = plane * TShape.OutputHeight * TShape.OutputWidth;
            for (int oy = 0; oy < TShape.OutputHeight; oy++)
            {
                for (int ox = 0; ox < TShape.OutputWidth; ox++)
                {
                    int corner = inputPlane + oy * TShape.Stride * TShape.Width + ox * TShape.Stride;
                    // Branch-free: on real activations a branch per tap mispredicts half the time, and the JIT keeps
                    // float comparisons as branches, so the comparison is a vector mask (-1 or 0) instead.
                    int best = corner;
                    float max = Unsafe.Add(ref source, corner);
                    for (int ky = 0; ky < TShape.Size; ky++)
                    {
                        for (int kx = ky == 0 ? 1 : 0; kx < TShape.Size; kx++)
                        {
                            int at = corner + ky * TShape.Width + kx;
                            float value = Unsafe.Add(ref source, at);
                            int take = Vector128.ToScalar(Vector128.AsInt32(Vector128.GreaterThan(Vector128.CreateScalarUnsafe(value), Vector128.CreateScalarUnsafe(max))));
                            best += (at - best) & take;
                            max = BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(value) & take) | (BitConverter.SingleToInt32Bits(max) & ~take));
                        }
                    }
                    int position = outputPlane + oy * TShape.OutputWidth + ox;
                    Unsafe.Add(ref target, position) = max;
                    Unsafe.Add(ref targetIndex, position) = best;
                }
            }
        }
    }

    /// <summary>Max pooling's backward: the input gradient is cleared, then each dy added at its window's arg-max.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxBackward<TShape>(ReadOnlySpan<float> delta, Span<float> inputGradient, ReadOnlySpan<int> argMax, int batch)
        where TShape : struct, IPoolingShape
    {
        Check<TShape>(inputGradient.Length, delta.Length, batch);
        CheckArgMax<TShape>(argMax.Length, batch);
        var dx = inputGradient.Slice(0, batch * InputSize<TShape>());
        dx.Clear();
        ref float target = ref MemoryMarshal.GetReference(dx);
        ref float source = ref MemoryMarshal.GetReference(delta);
        ref int index = ref MemoryMarshal.GetReference(argMax);
        int count = batch * OutputSize<TShape>();
        for (int i = 0; i < count; i++)
        {
            // The arg-max came from this kernel's forward, inside the batch input; checked all the same, it is a write.
            int at = Unsafe.Add(ref index, i);
            if ((uint)at >= (uint)dx.Length) ThrowArgMax(at, dx.Length);
            Unsafe.Add(ref target, at) += Unsafe.Add(ref source, i);
        }
    }

    /// <summary>Average pooling: each output the mean of its window, the taps summed in scan order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AverageForward<TShape>(ReadOnlySpan<float> input, Span<float> output, int batch)
        where TShape : struct, IPoolingShape
    {
        Check<TShape>(input.Length, output.Length, batch);
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float target = ref MemoryMarshal.GetReference(output);
        float scale = 1f / (TShape.Size * TShape.Size);
        for (int plane = 0; plane < batch * TShape.Channels; plane++)
        {
            int inputPlane = plane * TShape.Height * TShape.Width, outputPlane = plane * TShape.OutputHeight * TShape.OutputWidth;
            for (int oy = 0; oy < TShape.OutputHeight; oy++)
            {
                for (int ox = 0; ox < TShape.OutputWidth; ox++)
                {
                    ref float corner = ref Unsafe.Add(ref source, inputPlane + oy * TShape.Stride * TShape.Width + ox * TShape.Stride);
                    float sum = 0f;
                    for (int ky = 0; ky < TShape.Size; ky++)
                    {
                        for (int kx = 0; kx < TShape.Size; kx++) sum += Unsafe.Add(ref corner, ky * TShape.Width + kx);
                    }
                    Unsafe.Add(ref target, outputPlane + oy * TShape.OutputWidth + ox) = sum * scale;
                }
            }
        }
    }

    /// <summary>Average pooling's backward: the input gradient is cleared, then each dy shared equally by its window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AverageBackward<TShape>(ReadOnlySpan<float> delta, Span<float> inputGradient, int batch)
        where TShape : struct, IPoolingShape
    {
        Check<TShape>(inputGradient.Length, delta.Length, batch);
        var dx = inputGradient.Slice(0, batch * InputSize<TShape>());
        dx.Clear();
        ref float target = ref MemoryMarshal.GetReference(dx);
        ref float source = ref MemoryMarshal.GetReference(delta);
        float scale = 1f / (TShape.Size * TShape.Size);
        for (int plane = 0; plane < batch * TShape.Channels; plane++)
        {
            int inputPlane = plane * TShape.Height * TShape.Width, outputPlane = plane * TShape.OutputHeight * TShape.OutputWidth;
            for (int oy = 0; oy < TShape.OutputHeight; oy++)
            {
                for (int ox = 0; ox < TShape.OutputWidth; ox++)
                {
                    ref float corner = ref Unsafe.Add(ref target, inputPlane + oy * TShape.Stride * TShape.Width + ox * TShape.Stride);
                    float share = Unsafe.Add(ref source, outputPlane + oy * TShape.OutputWidth + ox) * scale;
                    for (int ky = 0; ky < TShape.Size; ky++)
                    {
                        for (int kx = 0; kx < TShape.Size; kx++) Unsafe.Add(ref corner, ky * TShape.Width + kx) += share;
                    }
                }
            }
        }
    }

    /// <summary>
    /// One output row of 2×2 max pooling from the two input rows at <paramref name="inputRow"/>: groups of eight from
    /// the left, then what is left (1 to 7 outputs) as one group ending at the row's end: four lanes if that covers it,
    /// else eight (overlapping the group before, recomputing the same values), or two fours when the row is narrower
    /// than eight. No group reads past the row: the last reads input columns up to 2 · OutputWidth − 1 &lt; Width.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MaxPairRows<TShape, TIndex>(in PairLanes lanes, ref float source, ref float target, ref int targetIndex, int inputRow, int outputRow)
        where TShape : struct, IPoolingShape
        where TIndex : struct, IArgMaxChoice
    {
        // The groups are counted from constants, so the choice of the last group is made when the kernel is compiled.
        int eights = TShape.OutputWidth / 8;
        if (eights == 1) MaxGroup8<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, 0);
        else if (eights > 1)
        {
            for (int ox = 0; ox < eights * 8; ox += 8) MaxGroup8<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, ox);
        }
        int left = TShape.OutputWidth - eights * 8;
        if (left == 0) return;
        if (left <= 4) MaxGroup4<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, TShape.OutputWidth - 4);
        else if (TShape.OutputWidth >= 8) MaxGroup8<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, TShape.OutputWidth - 8);
        else
        {
            MaxGroup4<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, 0);
            MaxGroup4<TShape, TIndex>(lanes, ref source, ref target, ref targetIndex, inputRow, outputRow, TShape.OutputWidth - 4);
        }
    }

    /// <summary>
    /// Eight outputs from output column <paramref name="ox"/>: each input row's pairs split into even and odd lanes, the
    /// odd one wins where strictly greater, then the lower row where strictly greater, so the arg-max is the first
    /// maximum in scan order, as on the scalar path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MaxGroup8<TShape, TIndex>(in PairLanes lanes, ref float source, ref float target, ref int targetIndex, int inputRow, int outputRow, int ox)
        where TShape : struct, IPoolingShape
        where TIndex : struct, IArgMaxChoice
    {
        int corner = inputRow + 2 * ox;
        var (topEven, topOdd) = Split8(ref Unsafe.Add(ref source, corner), lanes.Pairs);
        var (bottomEven, bottomOdd) = Split8(ref Unsafe.Add(ref source, corner + TShape.Width), lanes.Pairs);
        var topTakeOdd = Vector256.GreaterThan(topOdd, topEven);
        var bottomTakeOdd = Vector256.GreaterThan(bottomOdd, bottomEven);
        var top = Vector256.ConditionalSelect(topTakeOdd, topOdd, topEven);
        var bottom = Vector256.ConditionalSelect(bottomTakeOdd, bottomOdd, bottomEven);
        var takeBottom = Vector256.GreaterThan(bottom, top);
        int at = outputRow + ox;
        Vector256.ConditionalSelect(takeBottom, bottom, top).StoreUnsafe(ref target, (nuint)at);
        if (!TIndex.Kept) return;
        var topIndex = Vector256.ConditionalSelect(Vector256.AsInt32(topTakeOdd), lanes.Odd, lanes.Even);
        var bottomIndex = Vector256.ConditionalSelect(Vector256.AsInt32(bottomTakeOdd), lanes.Odd, lanes.Even);
        (Vector256.ConditionalSelect(Vector256.AsInt32(takeBottom), bottomIndex + Vector256.Create(TShape.Width), topIndex) + Vector256.Create(corner))
            .StoreUnsafe(ref targetIndex, (nuint)at);
    }

    /// <summary>Four outputs from output column <paramref name="ox"/>, as <see cref="MaxGroup8{TShape, TIndex}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void MaxGroup4<TShape, TIndex>(in PairLanes lanes, ref float source, ref float target, ref int targetIndex, int inputRow, int outputRow, int ox)
        where TShape : struct, IPoolingShape
        where TIndex : struct, IArgMaxChoice
    {
        int corner = inputRow + 2 * ox;
        var pairs = lanes.Pairs;
        // One load and one permute put the four even floats in the lower half and the four odd ones in the upper.
        var topSplit = Vector256.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, corner)), pairs);
        var bottomSplit = Vector256.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, corner + TShape.Width)), pairs);
        var topTakeOdd = Vector128.GreaterThan(topSplit.GetUpper(), topSplit.GetLower());
        var bottomTakeOdd = Vector128.GreaterThan(bottomSplit.GetUpper(), bottomSplit.GetLower());
        var top = Vector128.ConditionalSelect(topTakeOdd, topSplit.GetUpper(), topSplit.GetLower());
        var bottom = Vector128.ConditionalSelect(bottomTakeOdd, bottomSplit.GetUpper(), bottomSplit.GetLower());
        var takeBottom = Vector128.GreaterThan(bottom, top);
        int at = outputRow + ox;
        Vector128.ConditionalSelect(takeBottom, bottom, top).StoreUnsafe(ref target, (nuint)at);
        if (!TIndex.Kept) return;
        var topIndex = Vector128.ConditionalSelect(Vector128.AsInt32(topTakeOdd), lanes.Odd.GetLower(), lanes.Even.GetLower());
        var bottomIndex = Vector128.ConditionalSelect(Vector128.AsInt32(bottomTakeOdd), lanes.Odd.GetLower(), lanes.Even.GetLower());
        (Vector128.ConditionalSelect(Vector128.AsInt32(takeBottom), bottomIndex + Vector128.Create(TShape.Width), topIndex) + Vector128.Create(corner))
            .StoreUnsafe(ref targetIndex, (nuint)at);
    }

    /// <summary>The even and the odd floats of sixteen floats of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Split8(ref float row, Vector256<int> pairs)
    {
        var first = Vector256.Shuffle(Vector256.LoadUnsafe(ref row), pairs);
        var second = Vector256.Shuffle(Vector256.LoadUnsafe(ref row, 8), pairs);
        return (Vector256.Create(first.GetLower(), second.GetLower()), Vector256.Create(first.GetUpper(), second.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int InputSize<TShape>() where TShape : struct, IPoolingShape => TShape.Channels * TShape.Height * TShape.Width;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OutputSize<TShape>() where TShape : struct, IPoolingShape => TShape.Channels * TShape.OutputHeight * TShape.OutputWidth;

    /// <summary>Refuses spans shorter than the batch: <paramref name="inputLength"/> of the input side, <paramref name="outputLength"/> of the output side.</summary>
    private static void Check<TShape>(int inputLength, int outputLength, int batch)
        where TShape : struct, IPoolingShape
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch is a count of samples: 0 or more.");
        if (inputLength < (long)batch * InputSize<TShape>() || outputLength < (long)batch * OutputSize<TShape>())
        {
            throw new ArgumentException(
                $"Pooling {typeof(TShape).Name} over a batch of {batch} needs {(long)batch * InputSize<TShape>()} floats on the input side "
                + $"([{TShape.Channels}, {TShape.Height}, {TShape.Width}] per sample) and {(long)batch * OutputSize<TShape>()} on the output side "
                + $"([{TShape.Channels}, {TShape.OutputHeight}, {TShape.OutputWidth}] per sample); got {inputLength} and {outputLength}.");
        }
    }

    private static void CheckArgMax<TShape>(int length, int batch)
        where TShape : struct, IPoolingShape
    {
        if (length < (long)batch * OutputSize<TShape>())
        {
            throw new ArgumentException($"Max pooling {typeof(TShape).Name} over a batch of {batch} needs {(long)batch * OutputSize<TShape>()} arg-max indices; got {length}.", "argMax");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowArgMax(int at, int length) =>
        throw new ArgumentException($"An arg-max index {at} lies outside the input gradient of {length} floats: expected the indices max pooling's forward wrote for this batch.", "argMax");

    /// <summary>The permutation that splits eight floats into their even and odd halves, and the offsets of the even and the odd floats of sixteen.</summary>
    private readonly record struct PairLanes(Vector256<int> Pairs, Vector256<int> Even, Vector256<int> Odd);

    private interface IArgMaxChoice
    {
        static abstract bool Kept { get; }
    }

    /// <summary>Training: the arg-max is stored for backward.</summary>
    private readonly struct WithIndex : IArgMaxChoice { public static bool Kept => true; }

    /// <summary>Inference: only the maxima.</summary>
    private readonly struct WithoutIndex : IArgMaxChoice { public static bool Kept => false; }
}

using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// A 2-D convolution layer's forward, parameter gradients and input gradient, written once and specialised per layer
/// by its <see cref="IConv2DShape"/> struct; generated code calls these in order with the layer's offsets and buffers.
/// Per sample, with R = C·K·K rows of the unrolled input (columns [R, P], P = output positions) and weights stored
/// [C, K, K, F] (= [R, F]):
///   forward   y[f, p]  = act(b[f] + Σ_r W[r, f] · columns[r, p]), or at inference the direct kernel where it fits;
///   weights   dW[r, f] += Σ_p columns[r, p] · δ[f, p], db[f] += Σ_p δ[f, p];
///   input     dcolumns[r, p] = Σ_f W[r, f] · δ[f, p], then col2im.
/// Small columns (R · P ≤ 16,384 floats) of every sample are kept from the forward for the weight gradient, so the
/// network's columns buffer then holds a batch of them; larger ones hold one sample, unrolled again for the gradient.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv2DLayer
{
    /// <summary>
    /// output [rows, F, OH, OW] = activation(W ⊛ input + b) for <paramref name="batch"/> samples, through
    /// <paramref name="columns"/>. With <paramref name="direct"/> (inference: training needs the columns) the direct
    /// kernel runs instead where the shape and the machine (Vector256) allow it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TShape>(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int batch, float[] columns, bool direct)
        where TShape : struct, IConv2DShape =>
        Forward<TShape, WidestPath>(parameters, weightOffset, biasOffset, input, output, batch, columns, direct);

    /// <summary>As <see cref="Forward{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape, TPath>(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int batch, float[] columns, bool direct)
        where TShape : struct, IConv2DShape
        where TPath : struct, IKernelPath
    {
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = TShape.Filters * Conv2DRules.Positions<TShape>();
        int columnsSize = Conv2DRules.Rows<TShape>() * Conv2DRules.Positions<TShape>();
        Check<TShape>(parameters, weightOffset, biasOffset, batch, input.Length, imageSize, output.Length, outputSize);
        CheckColumns<TShape>(columns, batch, columnsSize);
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), biasOffset);
        bool runDirect = Conv2DRules.DirectFits<TShape>() && Vector256.IsHardwareAccelerated && direct;
        for (int b = 0; b < batch; b++)
        {
            var image = input.Slice(b * imageSize, imageSize);
            ref float result = ref MemoryMarshal.GetReference(output.Slice(b * outputSize, outputSize));
            if (runDirect)
            {
                DirectConvolution.Forward<Conv2DDirect<TShape>>(ref MemoryMarshal.GetReference(image), ref weights, ref bias, ref result);
                continue;
            }
            var sampleColumns = new Span<float>(columns, Conv2DRules.KeepsColumns<TShape>() ? b * columnsSize : 0, columnsSize);
            Im2Col.Unroll<TShape>(image, sampleColumns);
            TPath.Multiply<Conv2DForwardProduct<TShape>>(ref weights, ref MemoryMarshal.GetReference(sampleColumns), ref bias, ref result, TShape.Filters, Conv2DRules.Rows<TShape>());
        }
        ActivationForward.AfterProduct(TShape.Activation, output.Slice(0, batch * outputSize), outputSize);
    }

    /// <summary>
    /// The convolution and the BatchNorm after it in one inference pass: output [batch, F, OH, OW] =
    /// activation(scale[f] · (W ⊛ input)[f] + shift[f]), with scale = γ/√(running variance + <paramref name="epsilon"/>)
    /// and shift = scale·(b − running mean) + β computed first into <paramref name="fold"/> (2 · F floats: the scales,
    /// then the shifts) from the parameters as they are now. <typeparamref name="TShape"/>'s activation is the one after
    /// the fold (the BatchNorm's: the convolution itself has none). The direct kernel runs where it fits, as for
    /// <see cref="Forward{TShape}"/> with <c>direct</c>; otherwise im2col through <paramref name="columns"/> and the product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FoldedForward<TShape>(float[] parameters, int weightOffset, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset,
        ReadOnlySpan<float> input, Span<float> output, int batch, float epsilon, float[] fold, float[] columns)
        where TShape : struct, IConv2DShape =>
        FoldedForward<TShape, WidestPath>(parameters, weightOffset, biasOffset, gainOffset, normBiasOffset, runningMeanOffset, runningVarianceOffset, input, output, batch, epsilon, fold, columns);

    /// <summary>As <see cref="FoldedForward{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FoldedForward<TShape, TPath>(float[] parameters, int weightOffset, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset,
        ReadOnlySpan<float> input, Span<float> output, int batch, float epsilon, float[] fold, float[] columns)
        where TShape : struct, IConv2DShape
        where TPath : struct, IKernelPath
    {
        int filters = TShape.Filters;
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = filters * Conv2DRules.Positions<TShape>();
        int columnsSize = Conv2DRules.Rows<TShape>() * Conv2DRules.Positions<TShape>();
        Check<TShape>(parameters, weightOffset, biasOffset, batch, input.Length, imageSize, output.Length, outputSize);
        CheckColumns<TShape>(columns, batch, columnsSize);
        Fold<TShape>(parameters, biasOffset, gainOffset, normBiasOffset, runningMeanOffset, runningVarianceOffset, epsilon, fold);
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float scaleAndShift = ref MemoryMarshal.GetArrayDataReference(fold);
        bool runDirect = Conv2DRules.DirectFits<TShape>() && Vector256.IsHardwareAccelerated;
        for (int b = 0; b < batch; b++)
        {
            var image = input.Slice(b * imageSize, imageSize);
            ref float result = ref MemoryMarshal.GetReference(output.Slice(b * outputSize, outputSize));
            if (runDirect)
            {
                DirectConvolution.Forward<Conv2DScaledDirect<TShape>>(ref MemoryMarshal.GetReference(image), ref weights, ref scaleAndShift, ref result);
                continue;
            }
            var sampleColumns = new Span<float>(columns, Conv2DRules.KeepsColumns<TShape>() ? b * columnsSize : 0, columnsSize);
            Im2Col.Unroll<TShape>(image, sampleColumns);
            TPath.Multiply<Conv2DFoldedProduct<TShape>>(ref weights, ref MemoryMarshal.GetReference(sampleColumns), ref scaleAndShift, ref result, filters, Conv2DRules.Rows<TShape>());
        }
        ActivationForward.AfterProduct(TShape.Activation, output.Slice(0, batch * outputSize), outputSize);
    }

    /// <summary>
    /// The convolution and the 2×2 max pooling after it in one pass at inference, on Vector256 (the caller checks it),
    /// for stride 1 without padding, at least 8 filters and ReLU or no activation: output [batch, F, ⌊OH/2⌋, ⌊OW/2⌋].
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void PooledForward<TShape>(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int batch)
        where TShape : struct, IConv2DShape
    {
        CheckPooledShape<TShape>();
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, pooledSize = TShape.Filters * (TShape.OutputHeight / 2) * (TShape.OutputWidth / 2);
        Check<TShape>(parameters, weightOffset, biasOffset, batch, input.Length, imageSize, output.Length, pooledSize);
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), biasOffset);
        for (int b = 0; b < batch; b++)
        {
            ref float image = ref MemoryMarshal.GetReference(input.Slice(b * imageSize, imageSize));
            ref float result = ref MemoryMarshal.GetReference(output.Slice(b * pooledSize, pooledSize));
            DirectConvolution.PooledForward<Conv2DDirect<TShape>>(ref image, ref weights, ref bias, ref result);
        }
    }

    /// <summary>
    /// The convolution, the BatchNorm after it and the 2×2 max pooling after that in one inference pass, on Vector256 (the
    /// caller checks it): each sum scaled and shifted per filter (<see cref="FoldedForward{TShape}"/>'s fold, into
    /// <paramref name="fold"/>) before the maximum, for the shapes <see cref="PooledForward{TShape}"/> takes;
    /// <typeparamref name="TShape"/>'s activation is the BatchNorm's. Output [batch, F, ⌊OH/2⌋, ⌊OW/2⌋].
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FoldedPooledForward<TShape>(float[] parameters, int weightOffset, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset,
        ReadOnlySpan<float> input, Span<float> output, int batch, float epsilon, float[] fold)
        where TShape : struct, IConv2DShape
    {
        CheckPooledShape<TShape>();
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, pooledSize = TShape.Filters * (TShape.OutputHeight / 2) * (TShape.OutputWidth / 2);
        Check<TShape>(parameters, weightOffset, biasOffset, batch, input.Length, imageSize, output.Length, pooledSize);
        Fold<TShape>(parameters, biasOffset, gainOffset, normBiasOffset, runningMeanOffset, runningVarianceOffset, epsilon, fold);
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float scaleAndShift = ref MemoryMarshal.GetArrayDataReference(fold);
        for (int b = 0; b < batch; b++)
        {
            ref float image = ref MemoryMarshal.GetReference(input.Slice(b * imageSize, imageSize));
            ref float result = ref MemoryMarshal.GetReference(output.Slice(b * pooledSize, pooledSize));
            DirectConvolution.PooledForward<Conv2DScaledDirect<TShape>>(ref image, ref weights, ref scaleAndShift, ref result);
        }
    }

    /// <summary>
    /// dW += Σ_samples columns · δᵀ and db[f] += Σ δ[f, ·], into <paramref name="gradients"/> at the layer's offsets:
    /// from the columns the forward kept, or, for large columns, from <paramref name="input"/> unrolled again.
    /// <paramref name="deltaTransposed"/> (P · F floats) is the kernel's scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ParameterGradients<TShape>(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int batch, float[] columns, float[] deltaTransposed)
        where TShape : struct, IConv2DShape =>
        ParameterGradients<TShape, WidestPath>(gradients, weightOffset, biasOffset, input, delta, batch, columns, deltaTransposed);

    /// <summary>As <see cref="ParameterGradients{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape, TPath>(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int batch, float[] columns, float[] deltaTransposed)
        where TShape : struct, IConv2DShape
        where TPath : struct, IKernelPath
    {
        int positions = Conv2DRules.Positions<TShape>(), imageSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = TShape.Filters * positions;
        int columnsSize = Conv2DRules.Rows<TShape>() * positions;
        Check<TShape>(gradients, weightOffset, biasOffset, batch, input.Length, imageSize, delta.Length, outputSize);
        CheckColumns<TShape>(columns, batch, columnsSize);
        LayerArguments.Scratch(deltaTransposed, positions * TShape.Filters, nameof(deltaTransposed));
        var biasGradient = new Span<float>(gradients, biasOffset, TShape.Filters);
        ref float weightGradient = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gradients), weightOffset);
        for (int b = 0; b < batch; b++)
        {
            var sampleDelta = delta.Slice(b * outputSize, outputSize);
            for (int f = 0; f < TShape.Filters; f++)
            {
                biasGradient[f] += TensorPrimitives.Sum(sampleDelta.Slice(f * positions, positions));
            }
            var sampleColumns = new Span<float>(columns, Conv2DRules.KeepsColumns<TShape>() ? b * columnsSize : 0, columnsSize);
            if (!Conv2DRules.KeepsColumns<TShape>()) Im2Col.Unroll<TShape>(input.Slice(b * imageSize, imageSize), sampleColumns);
            // Both operands run along the positions: the kernel copies δ transposed into the scratch, so its tiles
            // accumulate vectors of filters instead of summing dot products across lanes.
            TPath.MultiplyDotProducts<Conv2DWeightProduct<TShape>>(ref MemoryMarshal.GetReference(sampleColumns), ref MemoryMarshal.GetReference(sampleDelta),
                ref weightGradient, ref MemoryMarshal.GetArrayDataReference(deltaTransposed));
        }
    }

    /// <summary>
    /// inputGradient [batch, C, H, W] = col2im(W · δ) per sample, through <paramref name="columnGradient"/> (R · P floats).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputGradient<TShape>(float[] parameters, int weightOffset, ReadOnlySpan<float> delta, Span<float> inputGradient, int batch, float[] columnGradient)
        where TShape : struct, IConv2DShape =>
        InputGradient<TShape, WidestPath>(parameters, weightOffset, delta, inputGradient, batch, columnGradient);

    /// <summary>As <see cref="InputGradient{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InputGradient<TShape, TPath>(float[] parameters, int weightOffset, ReadOnlySpan<float> delta, Span<float> inputGradient, int batch, float[] columnGradient)
        where TShape : struct, IConv2DShape
        where TPath : struct, IKernelPath
    {
        int imageSize = TShape.Channels * TShape.Height * TShape.Width, outputSize = TShape.Filters * Conv2DRules.Positions<TShape>();
        Check<TShape>(parameters, weightOffset, weightOffset, batch, inputGradient.Length, imageSize, delta.Length, outputSize);
        LayerArguments.Scratch(columnGradient, Conv2DRules.Rows<TShape>() * Conv2DRules.Positions<TShape>(), nameof(columnGradient));
        ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        for (int b = 0; b < batch; b++)
        {
            TPath.Multiply<Conv2DInputProduct<TShape>>(ref weights, ref MemoryMarshal.GetReference(delta.Slice(b * outputSize, outputSize)), ref Unsafe.NullRef<float>(),
                ref MemoryMarshal.GetArrayDataReference(columnGradient), Conv2DRules.Rows<TShape>(), TShape.Filters);
            Im2Col.Fold<TShape>(columnGradient, inputGradient.Slice(b * imageSize, imageSize));
        }
    }

    private static void Check<TShape>(float[] parameters, int weightOffset, int biasOffset, int batch, int imageLength, int imageSize, int outputLength, int outputSize)
        where TShape : struct, IConv2DShape
    {
        LayerArguments.CheckSlice(parameters, weightOffset, Conv2DRules.Rows<TShape>() * TShape.Filters, nameof(weightOffset));
        LayerArguments.CheckSlice(parameters, biasOffset, TShape.Filters, nameof(biasOffset));
        if (batch < 0 || (long)batch * imageSize > imageLength || (long)batch * outputSize > outputLength)
        {
            throw new ArgumentException($"{batch} samples need {(long)batch * imageSize} input floats and {(long)batch * outputSize} output floats; the spans hold {imageLength} and {outputLength}.", nameof(batch));
        }
    }

    private static void CheckColumns<TShape>(float[] columns, int batch, int columnsSize) where TShape : struct, IConv2DShape =>
        LayerArguments.Scratch(columns, Conv2DRules.KeepsColumns<TShape>() ? batch * columnsSize : columnsSize, nameof(columns));

    private static void CheckPooledShape<TShape>() where TShape : struct, IConv2DShape
    {
        if (!Conv2DRules.PooledFits<TShape>() || TShape.Activation is not (Activation.ReLU or Activation.Linear))
        {
            throw new InvalidOperationException($"The pooled convolution needs stride 1, no padding, at least 8 filters and ReLU or no activation; this shape has stride {TShape.Stride}, padding {TShape.PadTop} and {TShape.PadLeft}, {TShape.Filters} filters and {TShape.Activation}.");
        }
    }

    /// <summary>
    /// A folded BatchNorm's scales, then shifts, per filter into <paramref name="fold"/>, from its slices and the
    /// convolution's bias as they are now, after checking each slice and the buffer.
    /// </summary>
    private static void Fold<TShape>(float[] parameters, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset, float epsilon, float[] fold)
        where TShape : struct, IConv2DShape
    {
        int filters = TShape.Filters;
        LayerArguments.CheckSlice(parameters, gainOffset, filters, nameof(gainOffset));
        LayerArguments.CheckSlice(parameters, normBiasOffset, filters, nameof(normBiasOffset));
        LayerArguments.CheckSlice(parameters, runningMeanOffset, filters, nameof(runningMeanOffset));
        LayerArguments.CheckSlice(parameters, runningVarianceOffset, filters, nameof(runningVarianceOffset));
        LayerArguments.Scratch(fold, 2 * filters, nameof(fold));
        BatchNormalization.Fold(new ReadOnlySpan<float>(parameters, gainOffset, filters), new ReadOnlySpan<float>(parameters, normBiasOffset, filters),
            new ReadOnlySpan<float>(parameters, runningMeanOffset, filters), new ReadOnlySpan<float>(parameters, runningVarianceOffset, filters),
            new ReadOnlySpan<float>(parameters, biasOffset, filters), fold, filters, epsilon);
    }
}

using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// A Dense layer's forward, parameter gradients and input gradient, written once and specialised per layer by its
/// <see cref="IDenseShape"/> struct: generated code calls these in order with the layer's offsets and buffers.
/// A layer whose weights take 1 MiB or more multiplies from column panels (<see cref="PanelMatMul"/>), in scratch the
/// network allocates once; smaller ones read W, or a transposed copy of it, in place.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseLayer
{
    /// <summary>
    /// output[r, ·] = activation(input[r, ·] · W + b) for r &lt; <paramref name="rows"/>, W at
    /// <paramref name="weightOffset"/> and b at <paramref name="biasOffset"/> in <paramref name="parameters"/>.
    /// <paramref name="weightPanels"/> (n · m floats) is needed only when the layer multiplies from panels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TShape>(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int rows, float[]? weightPanels = null)
        where TShape : struct, IDenseShape =>
        Forward<TShape, WidestPath>(parameters, weightOffset, biasOffset, input, output, rows, weightPanels);

    /// <summary>As <see cref="Forward{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape, TPath>(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int rows, float[]? weightPanels = null)
        where TShape : struct, IDenseShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, m = TShape.Units;
        LayerArguments.CheckRows(rows, input.Length, n, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, m, nameof(output));
        LayerArguments.CheckSlice(parameters, weightOffset, n * m, nameof(weightOffset));
        LayerArguments.CheckSlice(parameters, biasOffset, m, nameof(biasOffset));
        ref float left = ref MemoryMarshal.GetReference(input);
        ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), biasOffset);
        ref float result = ref MemoryMarshal.GetReference(output);
        if (DenseProductRules.UsesPanels<TShape>())
        {
            TPath.MultiplyFromPanels<DenseForward<TShape>>(ref left, ref right, ref bias, ref result, LayerArguments.Scratch(weightPanels, n * m, nameof(weightPanels)), null, rows, n);
        }
        else
        {
            TPath.Multiply<DenseForward<TShape>>(ref left, ref right, ref bias, ref result, rows, n);
        }
        ActivationForward.AfterProduct(TShape.Activation, output.Slice(0, rows * m), m);
    }

    /// <summary>
    /// dW += inputᵀ · delta and db += Σ_r delta[r, ·] over <paramref name="rows"/> rows, into <paramref name="gradients"/>
    /// at the layer's offsets. <paramref name="deltaPanels"/> (256 · m floats) and <paramref name="inputRows"/>
    /// (n · 256 floats) are needed only when the layer multiplies from panels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ParameterGradients<TShape>(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int rows, float[]? deltaPanels = null, float[]? inputRows = null)
        where TShape : struct, IDenseShape =>
        ParameterGradients<TShape, WidestPath>(gradients, weightOffset, biasOffset, input, delta, rows, deltaPanels, inputRows);

    /// <summary>As <see cref="ParameterGradients{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape, TPath>(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int rows, float[]? deltaPanels = null, float[]? inputRows = null)
        where TShape : struct, IDenseShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, m = TShape.Units;
        LayerArguments.CheckRows(rows, input.Length, n, nameof(input));
        LayerArguments.CheckRows(rows, delta.Length, m, nameof(delta));
        LayerArguments.CheckSlice(gradients, weightOffset, n * m, nameof(weightOffset));
        ref float left = ref MemoryMarshal.GetReference(input);
        ref float right = ref MemoryMarshal.GetReference(delta);
        ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gradients), weightOffset);
        if (DenseProductRules.UsesPanels<TShape>())
        {
            TPath.MultiplyFromPanels<DenseWeightGradient<TShape>>(ref left, ref right, ref Unsafe.NullRef<float>(), ref result,
                LayerArguments.Scratch(deltaPanels, ProductSlices.RunTimeSlice * m, nameof(deltaPanels)), LayerArguments.Scratch(inputRows, n * ProductSlices.RunTimeSlice, nameof(inputRows)), n, rows);
        }
        else
        {
            TPath.Multiply<DenseWeightGradient<TShape>>(ref left, ref right, ref Unsafe.NullRef<float>(), ref result, n, rows);
        }
        BiasGradient.Accumulate(gradients, biasOffset, m, delta, rows);
    }

    /// <summary>
    /// inputGradient[r, ·] = delta[r, ·] · Wᵀ for r &lt; <paramref name="rows"/>. <paramref name="weightScratch"/> (n · m
    /// floats) receives Wᵀ, or for a layer that multiplies from panels, panels of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputGradient<TShape>(float[] parameters, int weightOffset, float[] weightScratch, ReadOnlySpan<float> delta, Span<float> inputGradient, int rows)
        where TShape : struct, IDenseShape =>
        InputGradient<TShape, WidestPath>(parameters, weightOffset, weightScratch, delta, inputGradient, rows);

    /// <summary>As <see cref="InputGradient{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InputGradient<TShape, TPath>(float[] parameters, int weightOffset, float[] weightScratch, ReadOnlySpan<float> delta, Span<float> inputGradient, int rows)
        where TShape : struct, IDenseShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, m = TShape.Units;
        LayerArguments.CheckRows(rows, delta.Length, m, nameof(delta));
        LayerArguments.CheckRows(rows, inputGradient.Length, n, nameof(inputGradient));
        LayerArguments.CheckSlice(parameters, weightOffset, n * m, nameof(weightOffset));
        LayerArguments.Scratch(weightScratch, n * m, nameof(weightScratch));
        ref float left = ref MemoryMarshal.GetReference(delta);
        ref float result = ref MemoryMarshal.GetReference(inputGradient);
        if (DenseProductRules.UsesPanels<TShape>())
        {
            // W read down its rows: the panel copy transposes it on the way.
            ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
            TPath.MultiplyFromPanels<DenseInputGradient<TShape>>(ref left, ref weights, ref Unsafe.NullRef<float>(), ref result, weightScratch, null, rows, m);
        }
        else
        {
            WeightTranspose.Copy(parameters, weightOffset, n, m, weightScratch);
            TPath.Multiply<DenseInputGradient<TShape>>(ref left, ref MemoryMarshal.GetArrayDataReference(weightScratch), ref Unsafe.NullRef<float>(), ref result, rows, m);
        }
    }

    /// <summary>
    /// The layer and the BatchNorm after it in one inference pass: output[r, j] = activation(scale[j] · (input[r, ·] · W)[j]
    /// + shift[j]) for r &lt; <paramref name="rows"/>, with scale = γ/√(running variance + <paramref name="epsilon"/>)
    /// and shift = scale·(b − running mean) + β computed first into <paramref name="fold"/> (2 · m floats: the scales,
    /// then the shifts) from the parameters as they are now. <typeparamref name="TShape"/>'s activation is the one after
    /// the fold (the BatchNorm's: the layer itself has none). <paramref name="weightPanels"/> as for <see cref="Forward{TShape}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FoldedForward<TShape>(float[] parameters, int weightOffset, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset,
        ReadOnlySpan<float> input, Span<float> output, int rows, float epsilon, float[] fold, float[]? weightPanels = null)
        where TShape : struct, IDenseShape =>
        FoldedForward<TShape, WidestPath>(parameters, weightOffset, biasOffset, gainOffset, normBiasOffset, runningMeanOffset, runningVarianceOffset, input, output, rows, epsilon, fold, weightPanels);

    /// <summary>As <see cref="FoldedForward{TShape}"/>, with its product on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FoldedForward<TShape, TPath>(float[] parameters, int weightOffset, int biasOffset, int gainOffset, int normBiasOffset, int runningMeanOffset, int runningVarianceOffset,
        ReadOnlySpan<float> input, Span<float> output, int rows, float epsilon, float[] fold, float[]? weightPanels = null)
        where TShape : struct, IDenseShape
        where TPath : struct, IKernelPath
    {
        int n = TShape.Inputs, m = TShape.Units;
        LayerArguments.CheckRows(rows, input.Length, n, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, m, nameof(output));
        LayerArguments.CheckSlice(parameters, weightOffset, n * m, nameof(weightOffset));
        LayerArguments.CheckSlice(parameters, biasOffset, m, nameof(biasOffset));
        LayerArguments.CheckSlice(parameters, gainOffset, m, nameof(gainOffset));
        LayerArguments.CheckSlice(parameters, normBiasOffset, m, nameof(normBiasOffset));
        LayerArguments.CheckSlice(parameters, runningMeanOffset, m, nameof(runningMeanOffset));
        LayerArguments.CheckSlice(parameters, runningVarianceOffset, m, nameof(runningVarianceOffset));
        LayerArguments.Scratch(fold, 2 * m, nameof(fold));
        BatchNormalization.Fold(new ReadOnlySpan<float>(parameters, gainOffset, m), new ReadOnlySpan<float>(parameters, normBiasOffset, m),
            new ReadOnlySpan<float>(parameters, runningMeanOffset, m), new ReadOnlySpan<float>(parameters, runningVarianceOffset, m),
            new ReadOnlySpan<float>(parameters, biasOffset, m), fold, m, epsilon);
        ref float left = ref MemoryMarshal.GetReference(input);
        ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(parameters), weightOffset);
        ref float scaleAndShift = ref MemoryMarshal.GetArrayDataReference(fold);
        ref float result = ref MemoryMarshal.GetReference(output);
        if (DenseProductRules.UsesPanels<TShape>())
        {
            TPath.MultiplyFromPanels<DenseFoldedForward<TShape>>(ref left, ref right, ref scaleAndShift, ref result, LayerArguments.Scratch(weightPanels, n * m, nameof(weightPanels)), null, rows, n);
        }
        else
        {
            TPath.Multiply<DenseFoldedForward<TShape>>(ref left, ref right, ref scaleAndShift, ref result, rows, n);
        }
        ActivationForward.AfterProduct(TShape.Activation, output.Slice(0, rows * m), m);
    }
}

using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// A multi-head self-attention layer's forward, parameter gradients and input gradient, written once and specialised
/// per layer by its <see cref="IAttentionShape"/> struct; generated code calls these in order with the layer's offsets,
/// its <see cref="AttentionBuffers"/> and each sample's length. Over [batch, time, d], rows r = b·T + t, H heads of
/// e = d / H features:
///   forward   [Q K V] = X·W + b (one product, W [d, 3d]); for each sample, query step t &lt; length and head h,
///             p = softmax over keys u &lt; (causal ? t + 1 : length) of q_t·k_u / √e, c_t = Σ_u p_u v_u;
///             a query at or past its length gets c_t = 0; then Y = C·Wo + bo
///   backward  dWo += Cᵀ·dY, dbo += Σ dY, dC = dY·Woᵀ; per query the probabilities are recomputed (one row of T at a
///             time, never a [T, T] matrix), dp_u = dc_t·v_u, ds_u = p_u (dp_u − Σ p·dp) / √e, dq_t += Σ ds_u k_u,
///             dk_u += ds_u q_t, dv_u += p_u dc_t; then dW += Xᵀ·d[Q K V], db += Σ d[Q K V], dX = d[Q K V]·Wᵀ
/// Masked keys never enter the softmax, so padding changes neither outputs nor gradients of the steps before it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AttentionLayer
{
    /// <summary>
    /// output [rows, d] = attention of input [rows, d] for <paramref name="batch"/> sequences of
    /// <paramref name="timeSteps"/> steps, sequence b being <paramref name="lengths"/>[b] steps long; keeps the
    /// projections and the context in <paramref name="buffers"/> for the gradients.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TShape>(float[] parameters, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps, ReadOnlySpan<int> lengths, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape =>
        Forward<TShape, WidestPath>(parameters, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset, input, output, batch, timeSteps, lengths, buffers);

    /// <summary>As <see cref="Forward{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape, TPath>(float[] parameters, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset, ReadOnlySpan<float> input, Span<float> output, int batch, int timeSteps, ReadOnlySpan<int> lengths, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape
        where TPath : struct, IKernelPath
    {
        int d = TShape.Width, d3 = 3 * d, e = HeadSize<TShape>();
        int rows = CheckSequences<TShape>(buffers, batch, timeSteps, lengths);
        LayerArguments.CheckRows(rows, input.Length, d, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, d, nameof(output));
        CheckParameters<TShape>(parameters, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset);
        ref float parameterData = ref MemoryMarshal.GetArrayDataReference(parameters);
        ref float projected = ref MemoryMarshal.GetArrayDataReference(buffers.Projected);
        ref float context = ref MemoryMarshal.GetArrayDataReference(buffers.Context);
        TPath.Multiply<AttentionProjection<TShape>>(ref MemoryMarshal.GetReference(input), ref Unsafe.Add(ref parameterData, weightOffset),
            ref Unsafe.Add(ref parameterData, biasOffset), ref projected, rows, d);
        float scale = Scale<TShape>();
        var row = new Span<float>(buffers.Row, 0, timeSteps);
        for (int b = 0; b < batch; b++)
        {
            int length = lengths[b], first = b * timeSteps;
            for (int t = 0; t < timeSteps; t++)
            {
                new Span<float>(buffers.Context, (first + t) * d, d).Clear();
                if (t >= length) continue;
                int keys = TShape.Causal ? t + 1 : length;
                for (int h = 0; h < TShape.Heads; h++)
                {
                    Probabilities<TShape>(ref projected, first, t, h, keys, row, scale);
                    ref float head = ref Unsafe.Add(ref context, (first + t) * d + h * e);
                    for (int u = 0; u < keys; u++)
                    {
                        AttentionHeads.MultiplyAdd<TShape>(ref Unsafe.Add(ref projected, (first + u) * d3 + 2 * d + h * e), ref head, row[u]);
                    }
                }
            }
        }
        TPath.Multiply<AttentionOutputProjection<TShape>>(ref context, ref Unsafe.Add(ref parameterData, outputWeightOffset),
            ref Unsafe.Add(ref parameterData, outputBiasOffset), ref MemoryMarshal.GetReference(output), rows, d);
    }

    /// <summary>
    /// The output projection's gradients, back through attention per query, then the [Q K V] projection's, added to
    /// <paramref name="gradients"/> at the layer's offsets, from the layer's input as Forward saw it and dL/dy
    /// (<paramref name="delta"/>); leaves d[Q K V] in <paramref name="buffers"/> for <see cref="InputGradient{TShape}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ParameterGradients<TShape>(float[] parameters, float[] gradients, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int batch, int timeSteps, ReadOnlySpan<int> lengths, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape =>
        ParameterGradients<TShape, WidestPath>(parameters, gradients, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset, input, delta, batch, timeSteps, lengths, buffers);

    /// <summary>As <see cref="ParameterGradients{TShape}"/>, with its products on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape, TPath>(float[] parameters, float[] gradients, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int batch, int timeSteps, ReadOnlySpan<int> lengths, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape
        where TPath : struct, IKernelPath
    {
        int d = TShape.Width, d3 = 3 * d, e = HeadSize<TShape>();
        int rows = CheckSequences<TShape>(buffers, batch, timeSteps, lengths);
        LayerArguments.CheckRows(rows, input.Length, d, nameof(input));
        LayerArguments.CheckRows(rows, delta.Length, d, nameof(delta));
        CheckParameters<TShape>(parameters, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset);
        CheckParameters<TShape>(gradients, weightOffset, biasOffset, outputWeightOffset, outputBiasOffset);
        ref float gradientData = ref MemoryMarshal.GetArrayDataReference(gradients);
        ref float projected = ref MemoryMarshal.GetArrayDataReference(buffers.Projected);
        ref float projectedGradient = ref MemoryMarshal.GetArrayDataReference(buffers.ProjectedGradient);
        ref float contextGradients = ref MemoryMarshal.GetArrayDataReference(buffers.ContextGradient);
        // dWo += Cᵀ·dY, dbo += Σ dY
        TPath.Multiply<AttentionOutputWeightGradient<TShape>>(ref MemoryMarshal.GetArrayDataReference(buffers.Context), ref MemoryMarshal.GetReference(delta),
            ref Unsafe.NullRef<float>(), ref Unsafe.Add(ref gradientData, outputWeightOffset), d, rows);
        BiasGradient.Accumulate(gradients, outputBiasOffset, d, delta, rows);
        // dC = dY·Woᵀ
        WeightTranspose.Copy(parameters, outputWeightOffset, d, d, buffers.OutputWeightTransposed);
        TPath.Multiply<AttentionContextGradient<TShape>>(ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetArrayDataReference(buffers.OutputWeightTransposed),
            ref Unsafe.NullRef<float>(), ref contextGradients, rows, d);
        // Back through the softmax and the three projections' outputs, one query row at a time.
        new Span<float>(buffers.ProjectedGradient, 0, rows * d3).Clear();
        float scale = Scale<TShape>();
        var row = new Span<float>(buffers.Row, 0, timeSteps);
        var rowGradient = new Span<float>(buffers.RowGradient, 0, timeSteps);
        for (int b = 0; b < batch; b++)
        {
            int length = lengths[b], first = b * timeSteps;
            for (int t = 0; t < length; t++)
            {
                int keys = TShape.Causal ? t + 1 : length;
                for (int h = 0; h < TShape.Heads; h++)
                {
                    Probabilities<TShape>(ref projected, first, t, h, keys, row, scale);
                    ref float contextGradient = ref Unsafe.Add(ref contextGradients, (first + t) * d + h * e);
                    ref float query = ref Unsafe.Add(ref projected, (first + t) * d3 + h * e);
                    ref float queryGradient = ref Unsafe.Add(ref projectedGradient, (first + t) * d3 + h * e);
                    for (int u = 0; u < keys; u++)
                    {
                        rowGradient[u] = AttentionHeads.Dot<TShape>(ref contextGradient, ref Unsafe.Add(ref projected, (first + u) * d3 + 2 * d + h * e));
                    }
                    float expected = TensorPrimitives.Dot(row.Slice(0, keys), rowGradient.Slice(0, keys));
                    for (int u = 0; u < keys; u++)
                    {
                        int key = (first + u) * d3 + h * e;
                        float score = row[u] * (rowGradient[u] - expected) * scale;
                        AttentionHeads.MultiplyAdd<TShape>(ref Unsafe.Add(ref projected, key + d), ref queryGradient, score);
                        AttentionHeads.MultiplyAdd<TShape>(ref query, ref Unsafe.Add(ref projectedGradient, key + d), score);
                        AttentionHeads.MultiplyAdd<TShape>(ref contextGradient, ref Unsafe.Add(ref projectedGradient, key + 2 * d), row[u]);
                    }
                }
            }
        }
        // dW += Xᵀ·d[Q K V], db += Σ d[Q K V]
        TPath.Multiply<AttentionProjectionWeightGradient<TShape>>(ref MemoryMarshal.GetReference(input), ref projectedGradient,
            ref Unsafe.NullRef<float>(), ref Unsafe.Add(ref gradientData, weightOffset), d, rows);
        BiasGradient.Accumulate(gradients, biasOffset, d3, buffers.ProjectedGradient, rows);
    }

    /// <summary>
    /// inputGradient [rows, d] = d[Q K V]·Wᵀ, from the projection gradient <see cref="ParameterGradients{TShape}"/>
    /// left in <paramref name="buffers"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputGradient<TShape>(float[] parameters, int weightOffset, Span<float> inputGradient, int rows, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape =>
        InputGradient<TShape, WidestPath>(parameters, weightOffset, inputGradient, rows, buffers);

    /// <summary>As <see cref="InputGradient{TShape}"/>, with its product on the vector path <typeparamref name="TPath"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InputGradient<TShape, TPath>(float[] parameters, int weightOffset, Span<float> inputGradient, int rows, AttentionBuffers buffers)
        where TShape : struct, IAttentionShape
        where TPath : struct, IKernelPath
    {
        int d = TShape.Width, d3 = 3 * d;
        CheckBuffers<TShape>(buffers);
        if (rows < 0 || rows > buffers.RowCapacity)
        {
            throw new ArgumentException($"buffers hold {buffers.RowCapacity} rows; {rows} rows need EnsureCapacity first.", nameof(buffers));
        }
        LayerArguments.CheckRows(rows, inputGradient.Length, d, nameof(inputGradient));
        LayerArguments.CheckSlice(parameters, weightOffset, d * d3, nameof(weightOffset));
        WeightTranspose.Copy(parameters, weightOffset, d, d3, buffers.WeightTransposed);
        TPath.Multiply<AttentionInputGradient<TShape>>(ref MemoryMarshal.GetArrayDataReference(buffers.ProjectedGradient), ref MemoryMarshal.GetArrayDataReference(buffers.WeightTransposed),
            ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetReference(inputGradient), rows, d3);
    }

    /// <summary>One query's attention weights over its visible keys: row[u] = softmax_u(q_t·k_u / √e) for u &lt; keys, head h.</summary>
    private static void Probabilities<TShape>(ref float projected, int first, int t, int h, int keys, Span<float> row, float scale)
        where TShape : struct, IAttentionShape
    {
        int d = TShape.Width, d3 = 3 * d, e = HeadSize<TShape>();
        ref float query = ref Unsafe.Add(ref projected, (first + t) * d3 + h * e);
        float max = float.NegativeInfinity;
        for (int u = 0; u < keys; u++)
        {
            float score = AttentionHeads.Dot<TShape>(ref query, ref Unsafe.Add(ref projected, (first + u) * d3 + d + h * e)) * scale;
            row[u] = score;
            if (score > max) max = score;
        }
        float sum = 0f;
        for (int u = 0; u < keys; u++)
        {
            float weight = MathF.Exp(row[u] - max);
            row[u] = weight;
            sum += weight;
        }
        TensorPrimitives.Multiply(row.Slice(0, keys), 1f / sum, row.Slice(0, keys));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HeadSize<TShape>() where TShape : struct, IAttentionShape => TShape.Width / TShape.Heads;

    /// <summary>1/√e as a float, the value the generator used to write as a literal.</summary>
    private static float Scale<TShape>() where TShape : struct, IAttentionShape => (float)(1 / Math.Sqrt(HeadSize<TShape>()));

    /// <summary>The shape is one the layer can run, and the buffers are this width's.</summary>
    private static void CheckBuffers<TShape>(AttentionBuffers buffers) where TShape : struct, IAttentionShape
    {
        if (TShape.Width <= 0 || TShape.Heads <= 0 || TShape.Width % TShape.Heads != 0)
        {
            throw new ArgumentException($"{typeof(TShape).Name}: an attention layer needs a positive width its heads divide; it has width {TShape.Width} and {TShape.Heads} heads.", nameof(TShape));
        }
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Width != TShape.Width)
        {
            throw new ArgumentException($"buffers are for rows of {buffers.Width} floats; this layer's rows hold {TShape.Width}.", nameof(buffers));
        }
    }

    /// <summary>The buffers hold the batch, and each length is within the time steps; the rows, batch × time steps.</summary>
    private static int CheckSequences<TShape>(AttentionBuffers buffers, int batch, int timeSteps, ReadOnlySpan<int> lengths) where TShape : struct, IAttentionShape
    {
        CheckBuffers<TShape>(buffers);
        if (batch < 0 || timeSteps < 0)
        {
            throw new ArgumentOutOfRangeException(batch < 0 ? nameof(batch) : nameof(timeSteps), $"{batch} sequences of {timeSteps} steps: neither may be negative.");
        }
        long rows = (long)batch * timeSteps;
        if (rows > buffers.RowCapacity || timeSteps > buffers.TimeCapacity)
        {
            throw new ArgumentException($"buffers hold {buffers.RowCapacity} rows and {buffers.TimeCapacity} time steps; {batch} sequences of {timeSteps} steps need {rows} rows: call EnsureCapacity first.", nameof(buffers));
        }
        if (lengths.Length < batch)
        {
            throw new ArgumentException($"lengths holds {lengths.Length} lengths; {batch} sequences need one each.", nameof(lengths));
        }
        for (int b = 0; b < batch; b++)
        {
            if ((uint)lengths[b] > (uint)timeSteps)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), $"lengths[{b}] is {lengths[b]}; a sequence's length is from 0 to the {timeSteps} time steps.");
            }
        }
        return (int)rows;
    }

    /// <summary>The layer's four slices (W [d, 3d], b [3d], Wo [d, d], bo [d]) fit in <paramref name="array"/>.</summary>
    private static void CheckParameters<TShape>(float[] array, int weightOffset, int biasOffset, int outputWeightOffset, int outputBiasOffset) where TShape : struct, IAttentionShape
    {
        int d = TShape.Width;
        LayerArguments.CheckSlice(array, weightOffset, 3 * d * d, nameof(weightOffset));
        LayerArguments.CheckSlice(array, biasOffset, 3 * d, nameof(biasOffset));
        LayerArguments.CheckSlice(array, outputWeightOffset, d * d, nameof(outputWeightOffset));
        LayerArguments.CheckSlice(array, outputBiasOffset, d, nameof(outputBiasOffset));
    }
}

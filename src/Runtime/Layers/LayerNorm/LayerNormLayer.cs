using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace DslNet.CompilerServices;

/// <summary>
/// Layer normalisation over each row of d features (a vector, or one step of a sequence), ε = 1e-5, written once and
/// specialised per layer by its <see cref="ILayerNormShape"/> struct; generated code calls these in order with the
/// layer's offsets and its <see cref="LayerNormBuffers"/>:
///   forward   μ = Σx / d, σ² = Σ(x − μ)² / d, x̂ = (x − μ) / √(σ² + ε), y = γ ⊙ x̂ + β
///   gain/bias dγ += Σ_rows dy ⊙ x̂, dβ += Σ_rows dy
///   input     g = dy ⊙ γ, dx = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε)
/// Forward keeps x̂ and 1/√(σ² + ε) per row in the buffers for the two gradients.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerNormLayer
{
    /// <summary>ε under the square root, as PyTorch's default.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>output[r] = γ ⊙ x̂[r] + β for r &lt; <paramref name="rows"/>, γ at <paramref name="gainOffset"/> and β at <paramref name="biasOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape>(float[] parameters, int gainOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int rows, LayerNormBuffers buffers)
        where TShape : struct, ILayerNormShape
    {
        int d = TShape.Features;
        CheckBuffers<TShape>(buffers, rows);
        LayerArguments.CheckRows(rows, input.Length, d, nameof(input));
        LayerArguments.CheckRows(rows, output.Length, d, nameof(output));
        LayerArguments.CheckSlice(parameters, gainOffset, d, nameof(gainOffset));
        LayerArguments.CheckSlice(parameters, biasOffset, d, nameof(biasOffset));
        var gain = new ReadOnlySpan<float>(parameters, gainOffset, d);
        var bias = new ReadOnlySpan<float>(parameters, biasOffset, d);
        float inverseCount = InverseCount<TShape>();
        var inverses = buffers.InverseDeviation;
        for (int r = 0; r < rows; r++)
        {
            var x = input.Slice(r * d, d);
            var y = output.Slice(r * d, d);
            var normal = new Span<float>(buffers.Normalized, r * d, d);
            float mean = TensorPrimitives.Sum(x) * inverseCount;
            float variance = 0f;
            for (int j = 0; j < d; j++)
            {
                float centred = x[j] - mean;
                normal[j] = centred;
                variance += centred * centred;
            }
            float inverse = 1f / MathF.Sqrt(variance * inverseCount + Epsilon);
            inverses[r] = inverse;
            TensorPrimitives.Multiply(normal, inverse, normal);
            TensorPrimitives.FusedMultiplyAdd(normal, gain, bias, y);
        }
    }

    /// <summary>dγ += Σ_rows dy ⊙ x̂ and dβ += Σ_rows dy into <paramref name="gradients"/>, from the x̂ Forward kept.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape>(float[] gradients, int gainOffset, int biasOffset, ReadOnlySpan<float> delta, int rows, LayerNormBuffers buffers)
        where TShape : struct, ILayerNormShape
    {
        int d = TShape.Features;
        CheckBuffers<TShape>(buffers, rows);
        LayerArguments.CheckRows(rows, delta.Length, d, nameof(delta));
        LayerArguments.CheckSlice(gradients, gainOffset, d, nameof(gainOffset));
        LayerArguments.CheckSlice(gradients, biasOffset, d, nameof(biasOffset));
        var gainGradient = new Span<float>(gradients, gainOffset, d);
        var biasGradient = new Span<float>(gradients, biasOffset, d);
        for (int r = 0; r < rows; r++)
        {
            var dy = delta.Slice(r * d, d);
            TensorPrimitives.FusedMultiplyAdd(dy, new ReadOnlySpan<float>(buffers.Normalized, r * d, d), gainGradient, gainGradient);
            TensorPrimitives.Add(biasGradient, dy, biasGradient);
        }
    }

    /// <summary>inputGradient[r] = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε) with g = dy ⊙ γ, from what Forward kept.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InputGradient<TShape>(float[] parameters, int gainOffset, ReadOnlySpan<float> delta, Span<float> inputGradient, int rows, LayerNormBuffers buffers)
        where TShape : struct, ILayerNormShape
    {
        int d = TShape.Features;
        CheckBuffers<TShape>(buffers, rows);
        LayerArguments.CheckRows(rows, delta.Length, d, nameof(delta));
        LayerArguments.CheckRows(rows, inputGradient.Length, d, nameof(inputGradient));
        LayerArguments.CheckSlice(parameters, gainOffset, d, nameof(gainOffset));
        var gain = new ReadOnlySpan<float>(parameters, gainOffset, d);
        float inverseCount = InverseCount<TShape>();
        var inverses = buffers.InverseDeviation;
        for (int r = 0; r < rows; r++)
        {
            var dy = delta.Slice(r * d, d);
            var dx = inputGradient.Slice(r * d, d);
            var normal = new ReadOnlySpan<float>(buffers.Normalized, r * d, d);
            TensorPrimitives.Multiply(dy, gain, dx);
            float meanGradient = TensorPrimitives.Sum(dx) * inverseCount;
            float meanProjection = TensorPrimitives.Dot(dx, normal) * inverseCount;
            float inverse = inverses[r];
            for (int j = 0; j < d; j++)
            {
                dx[j] = (dx[j] - meanGradient - normal[j] * meanProjection) * inverse;
            }
        }
    }

    /// <summary>1/d as a float, the value the generator used to write as a literal.</summary>
    private static float InverseCount<TShape>() where TShape : struct, ILayerNormShape => (float)(1.0 / TShape.Features);

    private static void CheckBuffers<TShape>(LayerNormBuffers buffers, int rows) where TShape : struct, ILayerNormShape
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (buffers.Features != TShape.Features)
        {
            throw new ArgumentException($"buffers are for rows of {buffers.Features} floats; this layer's rows hold {TShape.Features}.", nameof(buffers));
        }
        if (rows < 0 || rows > buffers.RowCapacity)
        {
            throw new ArgumentException($"buffers hold {buffers.RowCapacity} rows; {rows} rows need EnsureCapacity first.", nameof(buffers));
        }
    }
}

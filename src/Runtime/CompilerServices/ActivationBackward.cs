using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DslNet.CompilerServices;

/// <summary>
/// dL/dz from dL/dy and the layer's stored output y, for each activation. Generated code calls these
/// between layers; each method's <c>outputGradient</c> and <c>preActivationGradient</c> may be
/// the same span (in place).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationBackward
{
    /// <summary>dz = dy where y &gt; 0, else 0.</summary>
    public static void ReLU(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient)
    {
        CheckLengths(output, outputGradient, preActivationGradient);
        ref float y = ref MemoryMarshal.GetReference(output);
        ref float g = ref MemoryMarshal.GetReference(outputGradient);
        ref float d = ref MemoryMarshal.GetReference(preActivationGradient);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= output.Length; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256<float>.Zero);
                Vector256.BitwiseAnd(mask, Vector256.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < output.Length; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref y, i) > 0f ? Unsafe.Add(ref g, i) : 0f;
        }
    }

    /// <summary>dz = dy · y · (1 − y).</summary>
    public static void Sigmoid(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient)
    {
        CheckLengths(output, outputGradient, preActivationGradient);
        for (int i = 0; i < output.Length; i++)
        {
            float y = output[i];
            preActivationGradient[i] = outputGradient[i] * y * (1f - y);
        }
    }

    /// <summary>dz = dy · (1 − y²).</summary>
    public static void Tanh(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient)
    {
        CheckLengths(output, outputGradient, preActivationGradient);
        for (int i = 0; i < output.Length; i++)
        {
            float y = output[i];
            preActivationGradient[i] = outputGradient[i] * (1f - y * y);
        }
    }

    /// <summary>Per row of <paramref name="rowSize"/>: dz = y ⊙ (dy − (dy · y)), the softmax Jacobian applied to dy.</summary>
    public static void Softmax(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient, int rowSize)
    {
        CheckLengths(output, outputGradient, preActivationGradient);
        if (rowSize <= 0 || output.Length % rowSize != 0)
        {
            throw new ArgumentException($"Softmax rows of {rowSize} do not divide {output.Length} floats.", nameof(rowSize));
        }
        for (int start = 0; start < output.Length; start += rowSize)
        {
            var y = output.Slice(start, rowSize);
            var g = outputGradient.Slice(start, rowSize);
            var d = preActivationGradient.Slice(start, rowSize);
            float dot = TensorPrimitives.Dot(g, y);
            TensorPrimitives.Subtract(g, dot, d);
            TensorPrimitives.Multiply(d, y, d);
        }
    }

    private static void CheckLengths(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> preActivationGradient)
    {
        if (outputGradient.Length != output.Length || preActivationGradient.Length != output.Length)
        {
            throw new ArgumentException(
                $"Activation backward needs three spans of one length; got output {output.Length}, output gradient {outputGradient.Length}, pre-activation gradient {preActivationGradient.Length}.");
        }
    }
}

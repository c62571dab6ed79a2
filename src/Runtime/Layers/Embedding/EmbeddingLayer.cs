using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DslNet.CompilerServices;

/// <summary>
/// An embedding table E [vocabulary, dimension] over a sequence of token ids (floats holding whole numbers), written
/// once and specialised per layer by its <see cref="IEmbeddingShape"/> struct:
///   forward   y[r] = E[id[r]] for every row r = (sample, step)
///   weights   dE[id[r]] += dy[r]
///   input     none: ids are not differentiable, so the network clears the input gradient itself
/// Ids are checked once per call; past that check rows are copied without bounds tests.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddingLayer
{
    /// <summary>
    /// output [rows, dimension] = the table's rows for the ids in <paramref name="input"/> [rows], the table at
    /// <paramref name="weightOffset"/>; a bad id throws naming <paramref name="layer"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Forward<TShape>(float[] parameters, int weightOffset, ReadOnlySpan<float> input, Span<float> output, int rows, string layer)
        where TShape : struct, IEmbeddingShape
    {
        int d = TShape.Dimension;
        ref float table = ref CheckedTable<TShape>(parameters, weightOffset, input, rows, layer);
        LayerArguments.CheckRows(rows, output.Length, d, nameof(output));
        for (int r = 0; r < rows; r++)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref table, (int)input[r] * d), d).CopyTo(output.Slice(r * d, d));
        }
    }

    /// <summary>dE[id[r]] += dy[r] for every row, into <paramref name="gradients"/> at <paramref name="weightOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ParameterGradients<TShape>(float[] gradients, int weightOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int rows, string layer)
        where TShape : struct, IEmbeddingShape
    {
        int d = TShape.Dimension;
        ref float table = ref CheckedTable<TShape>(gradients, weightOffset, input, rows, layer);
        LayerArguments.CheckRows(rows, delta.Length, d, nameof(delta));
        for (int r = 0; r < rows; r++)
        {
            var row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref table, (int)input[r] * d), d);
            TensorPrimitives.Add(row, delta.Slice(r * d, d), row);
        }
    }

    /// <summary>The table's first float, once the table fits the array and every id names one of its rows.</summary>
    private static ref float CheckedTable<TShape>(float[] array, int weightOffset, ReadOnlySpan<float> input, int rows, string layer)
        where TShape : struct, IEmbeddingShape
    {
        LayerArguments.CheckRows(rows, input.Length, 1, nameof(input));
        LayerArguments.CheckSlice(array, weightOffset, TShape.Vocabulary * TShape.Dimension, nameof(weightOffset));
        NetworkArguments.CheckTokenIds(input.Slice(0, rows), TShape.Vocabulary, layer);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), weightOffset);
    }
}

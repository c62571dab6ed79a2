using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// Copies a weight matrix W [rows, columns] out of the parameters as Wᵀ [columns, rows], so an input gradient
/// dx = dz·Wᵀ runs its product along contiguous rows. Generated code calls it before each such product: the weights
/// change every step. One call in place of a loop written into every layer keeps the generated code small.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightTranspose
{
    // Square blocks: one block's source rows and target rows both stay in the first-level cache.
    private const int Block = 16;

    /// <summary>transposed[j · rows + i] = parameters[offset + i · columns + j] for i &lt; rows, j &lt; columns.</summary>
    public static void Copy(float[] parameters, int offset, int rows, int columns, float[] transposed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(transposed);
        if (rows < 0 || columns < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows} × {columns} matrix has a negative size.");
        var source = new ReadOnlySpan<float>(parameters, offset, checked(rows * columns));
        var target = new Span<float>(transposed, 0, rows * columns);
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int iEnd = Math.Min(i0 + Block, rows);
            for (int j0 = 0; j0 < columns; j0 += Block)
            {
                int jEnd = Math.Min(j0 + Block, columns);
                for (int i = i0; i < iEnd; i++)
                {
                    var sourceRow = source.Slice(i * columns, columns);
                    for (int j = j0; j < jEnd; j++)
                    {
                        target[j * rows + i] = sourceRow[j];
                    }
                }
            }
        }
    }
}

using System;

namespace DslNet.CompilerServices;

/// <summary>
/// The argument checks the runtime's layers share: they are called through refs into unchecked kernels, so every
/// buffer is checked against the sizes its layer will touch before any is read.
/// </summary>
internal static class LayerArguments
{
    /// <summary><paramref name="rows"/> rows of <paramref name="rowSize"/> fit in <paramref name="length"/> floats.</summary>
    public static void CheckRows(int rows, int length, int rowSize, string name)
    {
        if (rows < 0 || (long)rows * rowSize > length)
        {
            throw new ArgumentException($"{name} holds {length} floats; {rows} rows of {rowSize} need {(long)rows * rowSize}.", name);
        }
    }

    /// <summary><paramref name="size"/> floats from <paramref name="offset"/> fit in the parameters (or gradients) <paramref name="array"/>.</summary>
    public static void CheckSlice(float[] array, int offset, int size, string name)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (offset < 0 || (long)offset + size > array.Length)
        {
            throw new ArgumentOutOfRangeException(name, $"{size} floats from {offset} do not fit the {array.Length} parameters.");
        }
    }

    /// <summary>A scratch buffer the network allocated for the layer, at least <paramref name="size"/> floats.</summary>
    public static float[] Scratch(float[]? scratch, int size, string name)
    {
        if (scratch is null || scratch.Length < size)
        {
            throw new ArgumentException($"{name} must hold at least {size} floats; it holds {scratch?.Length ?? 0}.", name);
        }
        return scratch;
    }
}

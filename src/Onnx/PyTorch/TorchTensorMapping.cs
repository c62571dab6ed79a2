using System;
using System.Collections.Generic;

namespace DslNet.Onnx.PyTorch;

/// <summary>
/// One tensor of a PyTorch state_dict and how it relates to a DslNet parameter slice: <see cref="Index"/>[i] is the
/// position in the network's flat parameter vector of the tensor's element i (row-major). Loading adds each element
/// there (two PyTorch biases of a recurrent layer land on the same positions and are summed); saving reads it, unless
/// <see cref="SavesParameters"/> is false: the second of a summed pair is saved as zeros.
/// </summary>
internal sealed record TorchTensorMapping(string Name, long[] Shape, int[] Index, bool SavesParameters = true)
{
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>Builds <see cref="TorchTensorMapping"/> index tables from a slice and a layout conversion.</summary>
internal static class TorchIndex
{
    /// <summary>The slice as it is: PyTorch's tensor has DslNet's layout.</summary>
    public static int[] Same(ParameterSlice slice)
    {
        var index = new int[slice.Length];
        for (int i = 0; i < index.Length; i++) index[i] = slice.Offset + i;
        return index;
    }

    /// <summary>DslNet's [rows, columns] read as PyTorch's [columns, rows] (Linear's [out, in] against Dense's [in, out]).</summary>
    public static int[] Transposed(ParameterSlice slice)
    {
        int rows = slice.Shape[0], columns = slice.Shape[1];
        var index = new int[rows * columns];
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < rows; r++)
                index[c * rows + r] = slice.Offset + r * columns + c;
        return index;
    }

    /// <summary>DslNet's kernel [C, K, K, F] as PyTorch's Conv2d weight [F, C, K, K].</summary>
    public static int[] Kernel(ParameterSlice slice)
    {
        int channels = slice.Shape[0], k = slice.Shape[1], filters = slice.Shape[3];
        var index = new int[slice.Length];
        for (int f = 0; f < filters; f++)
            for (int c = 0; c < channels; c++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++)
                        index[((f * channels + c) * k + ky) * k + kx] = slice.Offset + ((c * k + ky) * k + kx) * filters + f;
        return index;
    }

    /// <summary>DslNet's kernel [C, K, K, F] as PyTorch's ConvTranspose2d weight [C, F, K, K] (in channels first).</summary>
    public static int[] TransposedKernel(ParameterSlice slice)
    {
        int channels = slice.Shape[0], k = slice.Shape[1], filters = slice.Shape[3];
        var index = new int[slice.Length];
        for (int c = 0; c < channels; c++)
            for (int f = 0; f < filters; f++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++)
                        index[((c * filters + f) * k + ky) * k + kx] = slice.Offset + ((c * k + ky) * k + kx) * filters + f;
        return index;
    }

    /// <summary>
    /// DslNet's gate matrix [rows, gates·u] (or a bias [gates·u] when <paramref name="rows"/> is 0) as PyTorch's
    /// [gates·u, rows] (or [gates·u]), PyTorch's gate block q coming from DslNet's block <paramref name="gates"/>[q].
    /// </summary>
    public static int[] Gates(ParameterSlice slice, int rows, int units, IReadOnlyList<int> gates)
    {
        int g = gates.Count * units, width = Math.Max(rows, 1);
        var index = new int[g * width];
        for (int q = 0; q < gates.Count; q++)
            for (int j = 0; j < units; j++)
                for (int k = 0; k < width; k++)
                    index[(q * units + j) * width + k] = slice.Offset + (rows == 0 ? gates[q] * units + j : k * g + gates[q] * units + j);
        return index;
    }
}

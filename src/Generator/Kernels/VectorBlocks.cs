using System.Collections.Generic;

namespace DslNet.Generator.Emit;

/// <summary>How the direct convolution kernels cover a literal length: with vectors, and with blocks and a tail.</summary>
internal static class VectorBlocks
{
    /// <summary>Where eight-lane vectors that cover [0, <paramref name="length"/>) start: every eight, the last moved back to end at the end.</summary>
    public static List<int> Starts(int length)
    {
        var starts = new List<int>();
        for (int i = 0; i + 8 <= length; i += 8) starts.Add(i);
        if (length % 8 != 0) starts.Add(length - 8);
        return starts;
    }

    /// <summary>
    /// Writes <paramref name="emitBlock"/>(first, count) over [0, <paramref name="total"/>) in blocks of <paramref name="size"/>:
    /// one block when there is one, else a loop on <paramref name="variable"/>, then what is left as one block at a literal start.
    /// </summary>
    public static void Emit(CodeWriter w, int total, int size, string variable, System.Action<string, int> emitBlock)
    {
        int whole = total / size * size;
        if (whole == size) using (w.Block("")) emitBlock("0", size);
        else if (whole > 0)
        {
            using (w.Block($"for (int {variable} = 0; {variable} < {whole}; {variable} += {size})")) emitBlock(variable, size);
        }
        if (whole < total) using (w.Block("")) emitBlock(whole.ToString(), total - whole);
    }
}

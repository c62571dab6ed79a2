using System.Linq;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a <see cref="DotProductMatMul"/> as tiles of 3 × 3 dot products vectorised along the reduction: per step
/// three left loads and three right loads feed nine multiply-adds, with no broadcasts and no transposed copy of
/// either operand; each accumulator is summed across its lanes once, at the end of its tile. Paths for Vector512,
/// Vector256 and scalars are chosen by JIT-time constants, as in <see cref="MatMulEmitter"/>.
/// </summary>
internal static class DotProductMatMulEmitter
{
    private const int Block = 3;

    public static void Emit(CodeWriter w, DotProductMatMul m)
    {
        using (w.Block("if (Vector512.IsHardwareAccelerated)")) EmitBlocks(w, m, 16);
        using (w.Block("else if (Vector256.IsHardwareAccelerated)")) EmitBlocks(w, m, 8);
        using (w.Block("else")) EmitBlocks(w, m, 1);
    }

    private static void EmitBlocks(CodeWriter w, DotProductMatMul m, int width)
    {
        int rowsBlocked = m.Rows / Block * Block;
        if (rowsBlocked > 0)
        {
            using (w.Block($"for (int i = 0; i < {rowsBlocked}; i += {Block})")) EmitColumnBlocks(w, m, width, Block);
        }
        if (m.Rows > rowsBlocked)
        {
            using (w.Block(string.Empty))
            {
                w.Line($"const int i = {rowsBlocked};");
                EmitColumnBlocks(w, m, width, m.Rows - rowsBlocked);
            }
        }
    }

    private static void EmitColumnBlocks(CodeWriter w, DotProductMatMul m, int width, int rows)
    {
        int columnsBlocked = m.Columns / Block * Block;
        if (columnsBlocked > 0)
        {
            using (w.Block($"for (int j = 0; j < {columnsBlocked}; j += {Block})")) EmitTile(w, m, width, rows, Block);
        }
        if (m.Columns > columnsBlocked)
        {
            using (w.Block(string.Empty))
            {
                w.Line($"const int j = {columnsBlocked};");
                EmitTile(w, m, width, rows, m.Columns - columnsBlocked);
            }
        }
    }

    private static void EmitTile(CodeWriter w, DotProductMatMul m, int width, int rows, int columns)
    {
        var v = new VectorText(width);
        var tile = (from r in Enumerable.Range(0, rows) from c in Enumerable.Range(0, columns) select (r, c)).ToList();
        for (int r = 0; r < rows; r++) w.Line($"ref float left{r} = ref Unsafe.Add(ref left, {IndexText.Multiply(IndexText.Plus("i", r), m.LeftRowStride)});");
        for (int c = 0; c < columns; c++) w.Line($"ref float right{c} = ref Unsafe.Add(ref right, {IndexText.Multiply(IndexText.Plus("j", c), m.RightRowStride)});");
        int vectorised = m.Reduction / width * width;
        foreach (var (r, c) in tile) w.Line($"var acc{r}_{c} = {v.Zero};");
        if (vectorised > 0)
        {
            using (w.Block($"for (int k = 0; k < {vectorised}; k += {width})"))
            {
                for (int r = 0; r < rows; r++) w.Line($"var a{r} = {v.Load($"left{r}", "k")};");
                for (int c = 0; c < columns; c++)
                {
                    w.Line($"var b{c} = {v.Load($"right{c}", "k")};");
                    for (int r = 0; r < rows; r++) w.Line($"acc{r}_{c} = {v.MultiplyAdd($"a{r}", $"b{c}", $"acc{r}_{c}")};");
                }
            }
        }
        foreach (var (r, c) in tile) w.Line($"float sum{r}_{c} = {v.Sum($"acc{r}_{c}")};");
        if (m.Reduction > vectorised)
        {
            // The reduction's tail, shorter than a vector.
            using (w.Block($"for (int k = {vectorised}; k < {m.Reduction}; k++)"))
            {
                foreach (var (r, c) in tile) w.Line($"sum{r}_{c} += Unsafe.Add(ref left{r}, k) * Unsafe.Add(ref right{c}, k);");
            }
        }
        string assign = m.Accumulate ? "+=" : "=";
        foreach (var (r, c) in tile) w.Line($"Unsafe.Add(ref result, {IndexText.RowMajor(IndexText.Plus("i", r), m.ResultRowStride, IndexText.Plus("j", c))}) {assign} sum{r}_{c};");
    }
}

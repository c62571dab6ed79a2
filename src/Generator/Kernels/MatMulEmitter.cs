using System.Collections.Generic;
using System.Linq;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a <see cref="MatMul"/>: as a call of the runtime's <c>DslNet.CompilerServices.MatMul.Multiply</c>, specialised
/// by a struct of the product's constants (<see cref="KernelShapes"/>), or, for a product with
/// <see cref="MatMulPanels"/>, as text with Vector512 and Vector256 register-blocked kernels (4 rows × 4 vectors for
/// Vector512, 6 × 2 for Vector256; bounds literal, the column tail written out once with the widest vectors that fit
/// and then scalars) chosen by JIT-time constants, and the kernel call for every other machine.
/// Inside a tile the reduction loop advances one ref per operand row by a literal stride.
/// </summary>
internal static class MatMulEmitter
{
    // Vectors per tile row of each vector path; a panel is one tile wide, so the panel copies use the same numbers.
    private const int Vector512Tile = 4, Vector256Tile = 2;

    public static void Emit(CodeWriter w, MatMul m)
    {
        m = WithCacheSlices(m);
        if (m.Panels is null)
        {
            EmitCall(w, m);
            return;
        }
        // Panel products (large weights) stay written out for the wide vector paths; narrower machines call the kernel.
        using (w.Block("if (Vector512.IsHardwareAccelerated)"))
        {
            EmitVectorisedOrPanels(w, m, width: 16, Vector512Tile, rowBlock: 4);
        }
        using (w.Block("else if (Vector256.IsHardwareAccelerated)"))
        {
            // 16 ymm registers: 6 rows × 2 vectors = 12 accumulators, the 2 loaded vectors and one broadcast.
            EmitVectorisedOrPanels(w, m, width: 8, Vector256Tile, rowBlock: 6);
        }
        using (w.Block("else"))
        {
            // The kernel reads right's columns contiguously; Wᵀ read in place (column stride > 1) keeps the scalar text.
            if (m.RightColumnStride == 1) EmitCall(w, WithCacheSlices(m with { Panels = null }));
            else EmitScalar(w, m);
        }
    }

    /// <summary>
    /// The product as a call of the runtime's kernel, specialised by the network's struct for this shape; the
    /// <c>left</c>, <c>right</c>, <c>result</c> (and for a bias start <c>bias</c>) refs are in scope.
    /// </summary>
    private static void EmitCall(CodeWriter w, MatMul m)
    {
        if (m.RightColumnStride != 1) throw new System.InvalidOperationException("The MatMul kernel reads right's columns contiguously; a strided right needs panels.");
        string shape = w.KernelShapes.NameFor(m);
        string bias = m.Start is MatMulStart.Bias or MatMulStart.RowBias ? "ref bias" : "ref Unsafe.NullRef<float>()";
        string rows = m.LiteralRows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? m.Rows;
        w.Line($"global::DslNet.CompilerServices.MatMul.Multiply<{shape}>(ref left, ref right, {bias}, ref result, {rows}, {m.Reduction});");
    }

    /// <summary>
    /// Fills the panels of a product whose <see cref="MatMulPanels.RightCopied"/> is set, from the <c>right</c> ref in
    /// scope, with the panel width of each vector path (the scalar path reads <c>right</c> in place and copies nothing).
    /// </summary>
    public static void EmitPanelCopy(CodeWriter w, MatMul m)
    {
        using (w.Block("if (Vector512.IsHardwareAccelerated)")) PanelMatMulEmitter.EmitCopy(w, m, width: 16, Vector512Tile);
        using (w.Block("else if (Vector256.IsHardwareAccelerated)")) PanelMatMulEmitter.EmitCopy(w, m, width: 8, Vector256Tile);
    }

    /// <summary>
    /// Every row block reads all of <c>right</c>; when a literal reduction makes that larger than half an L2, the
    /// reduction runs in slices whose part of <c>right</c> stays cached across the row blocks.
    /// </summary>
    private static MatMul WithCacheSlices(MatMul m)
    {
        if (m.ReductionChunk > 0 || m.Panels is not null || !int.TryParse(m.Reduction, out int reduction)) return m;
        int chunk = MatMul.ChunkFor(m.Columns);
        return (long)reduction * m.Columns * sizeof(float) > 256 * 1024 && reduction > chunk ? m with { ReductionChunk = chunk } : m;
    }

    private static void EmitVectorisedOrPanels(CodeWriter w, MatMul m, int width, int vectorsPerTile, int rowBlock)
    {
        if (m.Panels is not { } panels)
        {
            EmitVectorised(w, m, width, vectorsPerTile, rowBlock);
            return;
        }
        if (panels.MinRows is not int minRows)
        {
            PanelMatMulEmitter.Emit(w, m, panels, width, vectorsPerTile, rowBlock);
            return;
        }
        using (w.Block($"if ({m.Rows} >= {minRows})")) PanelMatMulEmitter.Emit(w, m, panels, width, vectorsPerTile, rowBlock);
        using (w.Block("else")) EmitVectorised(w, WithCacheSlices(m with { Panels = null }), width, vectorsPerTile, rowBlock);
    }

    private static void EmitVectorised(CodeWriter w, MatMul m, int width, int vectorsPerTile, int rowBlock)
    {
        if (m.ReductionChunk > 0)
        {
            // A long run-time reduction in slices, so the slice of right the row blocks share stays in L2.
            using (w.Block($"for (int k0 = 0; k0 < {m.Reduction}; k0 += {m.ReductionChunk})"))
            {
                w.Line($"int kc = global::System.Math.Min({m.ReductionChunk}, {m.Reduction} - k0);");
                EmitRows(w, m, width, vectorsPerTile, rowBlock);
            }
            return;
        }
        EmitRows(w, m, width, vectorsPerTile, rowBlock);
    }

    // A lone row (batch 1) reads every weight once, so its speed is how fast the weights stream in: 16 vectors read a
    // 128-float weight row (W3's first layer) whole in one pass, where 8 read each row's halves in two passes. With 256
    // bits the 16 accumulators and the broadcast want 17 of the 16 registers and the JIT keeps one on the stack; the
    // single pass is still faster (figures in docs/mlp.md, "Measured speed").
    private const int LoneRowVectors = 16;

    private static void EmitRows(CodeWriter w, MatMul m, int width, int vectorsPerTile, int rowBlock) =>
        EmitRows(w, m, rowBlock, (rows, widen) => EmitRowBlock(w, m, rows, width, rows == 1 ? LoneRowVectors : vectorsPerTile * widen));

    /// <summary>
    /// The loop over row blocks: <paramref name="rowBlock"/> rows at a time, then what is left; <paramref name="emitBlock"/>
    /// writes one block of the given rows (<c>i</c> in scope), told how many times the usual vectors per tile a short
    /// block may take to keep enough accumulators in flight (1, or 2 for two rows and 4 for a lone row).
    /// </summary>
    public static void EmitRows(CodeWriter w, MatMul m, int rowBlock, System.Action<int, int> emitBlock)
    {
        w.Line("int i = 0;");
        if (m.LiteralRows is int rows)
        {
            int blocked = rows - rows % rowBlock;
            if (blocked > 0)
            {
                using (w.Block($"for (; i < {blocked}; i += {rowBlock})")) emitBlock(rowBlock, 1);
            }
            if (rows % rowBlock != 0)
            {
                w.Line($"// the last {rows % rowBlock} row(s): i == {blocked}");
                emitBlock(rows % rowBlock, 1);
            }
        }
        else
        {
            using (w.Block($"for (; i + {rowBlock} <= {m.Rows}; i += {rowBlock})")) emitBlock(rowBlock, 1);
            if (rowBlock > 4)
            {
                // Batches are often multiples of 4 but not of 6 (64 = 10 × 6 + 4): four rows still share their loads.
                using (w.Block($"if (i + 4 <= {m.Rows})"))
                {
                    emitBlock(4, 1);
                    w.Line("i += 4;");
                }
            }
            // Two rows left (32 = 5 × 6 + 2, a common batch) share their loads, with twice the vectors per tile.
            using (w.Block($"if (i + 2 <= {m.Rows})"))
            {
                emitBlock(2, 2);
                w.Line("i += 2;");
            }
            // A lone row (batch 1, or a batch's last row) has no rows to share its loads with: four times the
            // vectors (where the columns allow) keep enough independent accumulators in flight to hide the latency.
            using (w.Block($"for (; i < {m.Rows}; i++)")) emitBlock(1, 4);
        }
    }

    private static void EmitRowBlock(CodeWriter w, MatMul m, int rows, int width, int vectorsPerTile)
    {
        int tile = width * vectorsPerTile;
        int full = m.Columns / tile * tile;
        var tileOffsets = Enumerable.Range(0, vectorsPerTile).Select(v => v * width).ToList();
        if (full > tile)
        {
            using (w.Block($"for (int j = 0; j < {full}; j += {tile})")) EmitTile(w, m, rows, width, "j", tileOffsets, InPlace(m, "j"), scoped: false);
        }
        else if (full == tile)
        {
            EmitTile(w, m, rows, width, "0", tileOffsets, InPlace(m, "0"));
        }
        foreach (var (chunk, start, offsets) in TailPieces(full, m.Columns, width))
        {
            EmitTile(w, m, rows, chunk, start.ToString(), offsets, InPlace(m, start.ToString()));
        }
    }

    /// <summary>
    /// The tail columns [<paramref name="start"/>, <paramref name="end"/>) as one tile per vector width that fits
    /// (whole vectors of the widest first, then 8, 4 and single floats): its width, first column and literal offsets.
    /// </summary>
    public static IEnumerable<(int Width, int Start, List<int> Offsets)> TailPieces(int start, int end, int widest)
    {
        int column = start;
        foreach (int chunk in new[] { widest, 8, 4, 1 }.Where(c => c <= widest).Distinct())
        {
            int first = column;
            var offsets = new List<int>();
            while (end - column >= chunk)
            {
                offsets.Add(column - first);
                column += chunk;
            }
            if (offsets.Count > 0) yield return (chunk, first, offsets);
        }
    }

    /// <summary>The operands as the caller's refs hold them, from column <paramref name="column"/> (and slice <c>k0</c>).</summary>
    private static TileOperands InPlace(MatMul m, string column)
    {
        bool sliced = m.ReductionChunk > 0;
        return new TileOperands(
            "left", m.LeftRowStride.ToString(), sliced ? IndexText.Multiply("k0", m.LeftReductionStride) : "0", m.LeftReductionStride,
            "right", sliced ? IndexText.Add(column, IndexText.Multiply("k0", m.RightReductionStride)) : column, m.RightReductionStride);
    }

    /// <summary>
    /// One tile: <paramref name="rows"/> rows × the result vectors at <paramref name="column"/> + each offset, reading
    /// its operands where <paramref name="operands"/> says (the right vectors at the same offsets).
    /// </summary>
    public static void EmitTile(CodeWriter w, MatMul m, int rows, int width, string column, IReadOnlyList<int> offsets, TileOperands operands, bool scoped = true)
    {
        var v = new VectorText(width);
        using (scoped ? w.Block(string.Empty) : null)
        {
            for (int c = 0; c < offsets.Count; c++)
            {
                string at = IndexText.Add(column, offsets[c].ToString());
                for (int r = 0; r < rows; r++)
                {
                    string partial = v.Load("result", m.Result(IndexText.Plus("i", r), at));
                    string start = m.Start switch
                    {
                        MatMulStart.Zero => v.Zero,
                        MatMulStart.Bias => r == 0 ? v.Load("bias", at) : $"acc{c}_0",
                        MatMulStart.RowBias => v.Broadcast($"Unsafe.Add(ref bias, {IndexText.Plus("i", r)})"),
                        _ => partial,
                    };
                    // In slices, only the first starts from the start value; later ones continue the partial sums.
                    if (m.ReductionChunk > 0 && m.Start != MatMulStart.Accumulate) start = $"k0 == 0 ? {start} : {partial}";
                    w.Line($"var acc{c}_{r} = {start};");
                }
            }
            // Refs into left and right, each stepped by its literal reduction stride. Left rows a literal stride apart
            // share one ref and are read at literal offsets from it, which the addressing folds in: a ref per row
            // would take six of the sixteen general registers, and the JIT spills refs to the stack when they run out.
            bool sharedLeft = int.TryParse(operands.LeftRowStride, out int leftRowStride);
            for (int r = 0; r < (sharedLeft ? 1 : rows); r++)
            {
                string leftStart = IndexText.Add(IndexText.Multiply(IndexText.Plus("i", r), operands.LeftRowStride), operands.LeftStart);
                w.Line($"ref float leftRow{(sharedLeft ? "" : r.ToString())} = ref Unsafe.Add(ref {operands.Left}, {leftStart});");
            }
            string LeftValue(int r) => sharedLeft ? (r == 0 ? "leftRow" : $"Unsafe.Add(ref leftRow, {r * leftRowStride})") : $"leftRow{r}";
            w.Line($"ref float rightRow = ref Unsafe.Add(ref {operands.Right}, {operands.RightStart});");
            using (w.Block($"for (int k = 0; k < {(m.ReductionChunk > 0 ? "kc" : m.Reduction)}; k++)"))
            {
                // Whichever operand has fewer registers is loaded first and held, so the tile fits the register file:
                // a tall tile holds its right vectors and broadcasts one left value at a time, a wide one the reverse.
                if (rows <= offsets.Count)
                {
                    for (int r = 0; r < rows; r++) w.Line($"var x{r} = {v.Broadcast(LeftValue(r))};");
                    for (int c = 0; c < offsets.Count; c++)
                    {
                        w.Line($"var w{c} = {v.Load("rightRow", offsets[c].ToString())};");
                        for (int r = 0; r < rows; r++) w.Line($"acc{c}_{r} = {v.MultiplyAdd($"w{c}", $"x{r}", $"acc{c}_{r}")};");
                    }
                }
                else
                {
                    for (int c = 0; c < offsets.Count; c++) w.Line($"var w{c} = {v.Load("rightRow", offsets[c].ToString())};");
                    for (int r = 0; r < rows; r++)
                    {
                        w.Line($"var x{r} = {v.Broadcast(LeftValue(r))};");
                        for (int c = 0; c < offsets.Count; c++) w.Line($"acc{c}_{r} = {v.MultiplyAdd($"w{c}", $"x{r}", $"acc{c}_{r}")};");
                    }
                }
                if (sharedLeft) w.Line($"leftRow = ref Unsafe.Add(ref leftRow, {operands.LeftStep});");
                else for (int r = 0; r < rows; r++) w.Line($"leftRow{r} = ref Unsafe.Add(ref leftRow{r}, {operands.LeftStep});");
                w.Line($"rightRow = ref Unsafe.Add(ref rightRow, {operands.RightStep});");
            }
            for (int c = 0; c < offsets.Count; c++)
            {
                string at = IndexText.Add(column, offsets[c].ToString());
                for (int r = 0; r < rows; r++)
                {
                    string value = m.FusedReLU ? v.ReLU($"acc{c}_{r}") : $"acc{c}_{r}";
                    // The ReLU belongs to the finished sum: in slices, only the last applies it.
                    if (m.FusedReLU && m.ReductionChunk > 0) value = $"k0 + kc == {m.Reduction} ? {value} : acc{c}_{r}";
                    w.Line(v.Store(value, "result", m.Result(IndexText.Plus("i", r), at)));
                }
            }
        }
    }

    private static void EmitScalar(CodeWriter w, MatMul m)
    {
        using (w.Block($"for (int i = 0; i < {m.Rows}; i++)"))
        using (w.Block($"for (int j = 0; j < {m.Columns}; j++)"))
        {
            string start = m.Start switch
            {
                MatMulStart.Zero => "0f",
                MatMulStart.Bias => "Unsafe.Add(ref bias, j)",
                MatMulStart.RowBias => "Unsafe.Add(ref bias, i)",
                _ => $"Unsafe.Add(ref result, {m.Result("i", "j")})",
            };
            w.Line($"float sum = {start};");
            using (w.Block($"for (int k = 0; k < {m.Reduction}; k++)"))
            {
                w.Line($"sum += Unsafe.Add(ref left, {m.Left("i", "k")}) * Unsafe.Add(ref right, {m.Right("k", "j")});");
            }
            w.Line($"Unsafe.Add(ref result, {m.Result("i", "j")}) = {(m.FusedReLU ? "global::System.MathF.Max(sum, 0f)" : "sum")};");
        }
    }
}

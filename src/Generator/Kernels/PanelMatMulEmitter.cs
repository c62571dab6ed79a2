using System.Linq;

namespace DslNet.Generator.Emit;

/// <summary>
/// The vectorised kernel of a <see cref="MatMul"/> with <see cref="MatMulPanels"/>: per reduction slice, copy
/// <c>right</c> into column panels as wide as a register tile (and a column-wise left operand into rows), then
/// multiply panel by panel, each against every row block. A tile then reads its right vectors from consecutive
/// addresses and writes its result once per slice, instead of walking rows of a large matrix a row stride apart.
/// </summary>
internal static class PanelMatMulEmitter
{
    public static void Emit(CodeWriter w, MatMul m, MatMulPanels panels, int width, int vectorsPerTile, int rowBlock)
    {
        int panelWidth = width * vectorsPerTile;
        bool sliced = !int.TryParse(m.Reduction, out int reduction) || reduction > panels.Slice;
        w.Line($"ref float panels = ref MemoryMarshal.GetArrayDataReference({panels.RightField});");
        if (panels.LeftField is not null) w.Line($"ref float leftRows = ref MemoryMarshal.GetArrayDataReference({panels.LeftField});");
        if (!sliced)
        {
            EmitSlice(w, m, panels, width, panelWidth, rowBlock, "0", m.Reduction);
            return;
        }
        // Slices keep the copies a fixed size (a run-time reduction) and their panels cached; later slices add on.
        using (w.Block($"for (int k0 = 0; k0 < {m.Reduction}; k0 += {panels.Slice})"))
        {
            w.Line($"int kc = global::System.Math.Min({panels.Slice}, {m.Reduction} - k0);");
            EmitSlice(w, m with { ReductionChunk = panels.Slice }, panels, width, panelWidth, rowBlock, "k0", "kc");
        }
    }

    /// <summary>
    /// The right copy alone, for a product with <see cref="MatMulPanels.RightCopied"/>: the whole literal reduction as
    /// one slice, in the panel width of the vector path it is emitted for.
    /// </summary>
    public static void EmitCopy(CodeWriter w, MatMul m, int width, int vectorsPerTile)
    {
        var panels = m.Panels!;
        if (!panels.RightCopied || panels.LeftField is not null || !int.TryParse(m.Reduction, out int reduction) || reduction > panels.Slice)
        {
            throw new System.InvalidOperationException("A panel copy ahead of its products needs a literal reduction within one slice and no left copy.");
        }
        w.Line($"ref float panels = ref MemoryMarshal.GetArrayDataReference({panels.RightField});");
        EmitRightCopy(w, m, panels.Slice, width, width * vectorsPerTile, "0", m.Reduction);
    }

    private static void EmitSlice(CodeWriter w, MatMul m, MatMulPanels panels, int width, int panelWidth, int rowBlock, string k0, string kc)
    {
        int full = m.Columns / panelWidth * panelWidth;
        int tail = m.Columns - full;
        if (!panels.RightCopied) EmitRightCopy(w, m, panels.Slice, width, panelWidth, k0, kc);
        if (panels.LeftField is not null) EmitLeftCopy(w, m, panels.Slice, k0, kc);
        bool leftCopied = panels.LeftField is not null;
        TileOperands Operands(string rightStart, int rightStep) => leftCopied
            ? new TileOperands("leftRows", panels.Slice.ToString(), "0", 1, "panels", rightStart, rightStep)
            : new TileOperands("left", m.LeftRowStride.ToString(), IndexText.Multiply(k0, m.LeftReductionStride), m.LeftReductionStride, "panels", rightStart, rightStep);
        var offsets = Enumerable.Range(0, panelWidth / width).Select(v => v * width).ToList();
        void FullPanelTile(int rows) => MatMulEmitter.EmitTile(w, m, rows, width, "j", offsets, Operands(IndexText.Multiply("j", panels.Slice), panelWidth), scoped: false);
        void TailPanelTiles(int rows)
        {
            foreach (var (chunk, start, pieceOffsets) in MatMulEmitter.TailPieces(full, m.Columns, width))
            {
                string rightStart = (full * panels.Slice + start - full).ToString();
                MatMulEmitter.EmitTile(w, m, rows, chunk, start.ToString(), pieceOffsets, Operands(rightStart, tail));
            }
        }
        string panelLoop = $"for (int j = 0; j < {full}; j += {panelWidth})";
        if ((long)panels.Slice * m.Columns * sizeof(float) <= MatMulPanels.RowsFirstBytes)
        {
            w.Line("// The slice's panels fit in cache together: each row block runs across all of them, its result rows in order.");
            using (w.Block(string.Empty))
            {
                MatMulEmitter.EmitRows(w, m, rowBlock, (rows, _) =>
                {
                    if (full > 0)
                    {
                        using (w.Block(panelLoop)) FullPanelTile(rows);
                    }
                    if (tail > 0) TailPanelTiles(rows);
                });
            }
            return;
        }
        if (full > 0)
        {
            w.Line("// One panel at a time against every row block: the panel stays cached while the left rows pass.");
            using (w.Block(panelLoop))
            {
                MatMulEmitter.EmitRows(w, m, rowBlock, (rows, _) =>
                {
                    using (w.Block(string.Empty)) FullPanelTile(rows);
                });
            }
        }
        if (tail > 0)
        {
            w.Line($"// The last {tail} column(s), a panel {tail} wide.");
            using (w.Block(string.Empty)) MatMulEmitter.EmitRows(w, m, rowBlock, (rows, _) => TailPanelTiles(rows));
        }
    }

    /// <summary>
    /// right[k0 + k, j] for k &lt; kc into the panels: panel p (columns p · width …) at p · width · slice, one row of
    /// panel width per reduction step; the tail columns into a last, narrower panel after the full ones.
    /// </summary>
    private static void EmitRightCopy(CodeWriter w, MatMul m, int slice, int width, int panelWidth, string k0, string kc)
    {
        int full = m.Columns / panelWidth * panelWidth;
        int tail = m.Columns - full;
        string sliceStart = IndexText.Multiply(k0, m.RightReductionStride);
        if (m.RightColumnStride == 1)
        {
            var v = new VectorText(width);
            w.Line("// right's rows, a panel width at a time, into the panels");
            if (full > 0)
            {
                using (w.Block($"for (int j = 0; j < {full}; j += {panelWidth})"))
                {
                    EmitRowCopy(w, m, kc, $"ref Unsafe.Add(ref right, {IndexText.Add("j", sliceStart)})", $"ref Unsafe.Add(ref panels, {IndexText.Multiply("j", slice)})", panelWidth, () =>
                    {
                        for (int o = 0; o < panelWidth; o += width) w.Line(v.Store(v.Load("source", o.ToString()), "panel", o.ToString()));
                    });
                }
            }
            if (tail > 0)
            {
                using (w.Block(string.Empty))
                {
                    EmitRowCopy(w, m, kc, $"ref Unsafe.Add(ref right, {IndexText.Add(full.ToString(), sliceStart)})", $"ref Unsafe.Add(ref panels, {full * slice})", tail, () =>
                    {
                        using (w.Block($"for (int c = 0; c < {tail}; c++)")) w.Line("Unsafe.Add(ref panel, c) = Unsafe.Add(ref source, c);");
                    });
                }
            }
            return;
        }
        // right read down its rows (Wᵀ): each of its columns is contiguous along the reduction and becomes one lane of
        // its panel. Eight columns at a time fill eight lanes with one store per reduction step (panel widths are
        // multiples of 8), half the time of a float at a time.
        w.Line("// right's columns, eight at a time, into eight lanes of a panel");
        if (full > 0)
        {
            using (w.Block($"for (int j = 0; j < {full}; j += 8)"))
            {
                w.Line($"ref float source = ref Unsafe.Add(ref right, {IndexText.Add(IndexText.Multiply("j", m.RightColumnStride), sliceStart)});");
                w.Line($"ref float panel = ref Unsafe.Add(ref panels, (j & ~{panelWidth - 1}) * {slice} + (j & {panelWidth - 1}));");
                using (w.Block($"for (int k = 0; k < {kc}; k++)"))
                {
                    string lanes = string.Join(", ", Enumerable.Range(0, 8).Select(c => $"Unsafe.Add(ref source, {IndexText.Add(IndexText.Multiply("k", m.RightReductionStride), (c * m.RightColumnStride).ToString())})"));
                    w.Line($"Vector256.StoreUnsafe(Vector256.Create({lanes}), ref panel, (nuint)(k * {panelWidth}));");
                }
            }
        }
        if (tail > 0)
        {
            using (w.Block($"for (int j = {full}; j < {m.Columns}; j++)"))
            {
                EmitColumnCopy(w, m, kc, sliceStart, $"{full * slice} + j - {full}", tail);
            }
        }
    }

    private static void EmitRowCopy(CodeWriter w, MatMul m, string kc, string source, string panel, int step, System.Action copyRow)
    {
        w.Line($"ref float source = {source};");
        w.Line($"ref float panel = {panel};");
        using (w.Block($"for (int k = 0; k < {kc}; k++)"))
        {
            copyRow();
            w.Line($"source = ref Unsafe.Add(ref source, {m.RightReductionStride});");
            w.Line($"panel = ref Unsafe.Add(ref panel, {step});");
        }
    }

    private static void EmitColumnCopy(CodeWriter w, MatMul m, string kc, string sliceStart, string lane, int panelWidth)
    {
        w.Line($"ref float source = ref Unsafe.Add(ref right, {IndexText.Add(IndexText.Multiply("j", m.RightColumnStride), sliceStart)});");
        w.Line($"ref float panel = ref Unsafe.Add(ref panels, {lane});");
        using (w.Block($"for (int k = 0; k < {kc}; k++)"))
        {
            w.Line($"Unsafe.Add(ref panel, k * {panelWidth}) = Unsafe.Add(ref source, {IndexText.Multiply("k", m.RightReductionStride)});");
        }
    }

    /// <summary>
    /// left[i, k0 + k] for k &lt; kc into leftRows[i · slice + k]: the reduction step outermost, so the source is read
    /// along its contiguous rows (left's columns run down memory a row apart: xᵀ). Rows a literal slice apart let a
    /// tile's rows share one ref at literal offsets.
    /// </summary>
    private static void EmitLeftCopy(CodeWriter w, MatMul m, int slice, string k0, string kc)
    {
        w.Line("// left's columns into rows, so each tile row reads consecutive floats");
        using (w.Block($"for (int k = 0; k < {kc}; k++)"))
        {
            w.Line($"ref float source = ref Unsafe.Add(ref left, {IndexText.Multiply(IndexText.Add(k0, "k"), m.LeftReductionStride)});");
            w.Line("ref float row = ref Unsafe.Add(ref leftRows, k);");
            using (w.Block($"for (int i = 0; i < {m.Rows}; i++)"))
            {
                w.Line($"Unsafe.Add(ref row, {IndexText.Multiply("i", slice)}) = Unsafe.Add(ref source, {IndexText.Multiply("i", m.LeftRowStride)});");
            }
        }
    }
}

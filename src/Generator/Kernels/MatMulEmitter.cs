namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a <see cref="MatMul"/> as a call of the runtime's kernel, specialised by a struct of the product's constants
/// (<see cref="KernelShapes"/>): <c>DslNet.CompilerServices.MatMul.Multiply</c>, or for a product with
/// <see cref="MatMulPanels"/> <c>DslNet.CompilerServices.PanelMatMul.Multiply</c>, which copies right into column
/// panels (and a column-wise left into rows) before multiplying.
/// </summary>
internal static class MatMulEmitter
{
    public static void Emit(CodeWriter w, MatMul m)
    {
        if (m.Panels is { } panels)
        {
            EmitPanelCall(w, m, panels);
            return;
        }
        EmitCall(w, WithCacheSlices(m));
    }

    /// <summary>
    /// The product as a call of the runtime's kernel, specialised by the network's struct for this shape; the
    /// <c>left</c>, <c>right</c>, <c>result</c> (and for a bias start <c>bias</c>) refs are in scope.
    /// </summary>
    private static void EmitCall(CodeWriter w, MatMul m)
    {
        if (m.RightColumnStride != 1) throw new System.InvalidOperationException("The MatMul kernel reads right's columns contiguously; a strided right needs panels.");
        string shape = w.KernelShapes.NameFor(m);
        w.Line($"global::DslNet.CompilerServices.MatMul.Multiply<{shape}>(ref left, ref right, {Bias(m)}, ref result, {Rows(m)}, {m.Reduction});");
    }

    /// <summary>The product from panels: the scratch fields are passed to the kernel, which copies into them.</summary>
    private static void EmitPanelCall(CodeWriter w, MatMul m, MatMulPanels panels)
    {
        string shape = PanelShape(w, m, panels);
        w.Line($"global::DslNet.CompilerServices.PanelMatMul.Multiply<{shape}>(ref left, ref right, {Bias(m)}, ref result, {panels.RightField}, {panels.LeftField ?? "null"}, {Rows(m)}, {m.Reduction});");
    }

    /// <summary>
    /// Fills the panels of a product whose <see cref="MatMulPanels.RightCopied"/> is set, from the <c>right</c> ref in
    /// scope, in the panel width of the vector path the kernel takes (the scalar path reads <c>right</c> in place).
    /// </summary>
    public static void EmitPanelCopy(CodeWriter w, MatMul m)
    {
        if (m.Panels is not { RightCopied: true, LeftField: null } panels || !int.TryParse(m.Reduction, out int reduction) || reduction > panels.Slice)
        {
            throw new System.InvalidOperationException("A panel copy ahead of its products needs a literal reduction within one slice and no left copy.");
        }
        w.Line($"global::DslNet.CompilerServices.PanelMatMul.PackRight<{PanelShape(w, m, panels)}>(ref right, {panels.RightField});");
    }

    private static string PanelShape(CodeWriter w, MatMul m, MatMulPanels panels)
    {
        // Below MinRows the kernel multiplies right in place, in cache slices where a plain product would take them.
        var shape = panels.MinRows is null ? m with { ReductionChunk = 0 } : WithCacheSlices(m with { ReductionChunk = 0, Panels = null });
        return w.KernelShapes.NameFor("PanelMatMulShape", "IPanelMatMulShape", MatMulShapes.PanelMembers(shape, panels), MatMulShapes.PanelSummary(shape, panels));
    }

    private static string Bias(MatMul m) => m.Start is MatMulStart.Bias or MatMulStart.RowBias ? "ref bias" : "ref Unsafe.NullRef<float>()";

    private static string Rows(MatMul m) => m.LiteralRows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? m.Rows;

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
}

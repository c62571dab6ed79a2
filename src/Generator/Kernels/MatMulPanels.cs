namespace DslNet.Generator.Emit;

/// <summary>
/// Scratch copies a large <see cref="MatMul"/> multiplies from (the runtime's <c>PanelMatMul</c> kernel makes them). The right operand is copied into column panels, each
/// as wide as a register tile and laid out [reduction][panel width], so a tile's reduction steps read consecutive
/// cache lines instead of rows a whole matrix row apart (4 KiB for 1024 columns: L1-set and TLB trouble). Panels are
/// multiplied one at a time against every row block, so a panel stays cached while the left rows stream past it.
/// A left operand read down its columns (xᵀ in a weight gradient) is copied into contiguous rows the same way.
/// </summary>
/// <param name="RightField">The float[] field the panels are written into: <see cref="Slice"/> × Columns floats.</param>
/// <param name="LeftField">
/// The float[] field for the left rows (Rows × <see cref="Slice"/> floats), or null when the left operand already
/// runs along the reduction (left reduction stride 1) and is read in place.
/// </param>
/// <param name="Slice">
/// The reduction steps copied at a time: the literal reduction when it is short enough, else a fixed slice (a
/// run-time reduction, such as a batch, is copied and multiplied slice by slice so the scratch size is fixed).
/// </param>
/// <param name="MinRows">
/// For a run-time row count: below it the copy would cost more than it saves (a batch of one reads every weight once
/// anyway), so the plain kernel runs instead. Null: always the panels (the right operand must then be copied anyway).
/// </param>
/// <param name="RightCopied">
/// The panels were filled beforehand (<see cref="MatMulEmitter.EmitPanelCopy"/>) and are only read: a product repeated
/// with the same right operand, such as a recurrent weight at every time step, copies it once, not once per product.
/// Needs a literal reduction copied as one slice (<see cref="Slice"/> the reduction itself) and no left copy.
/// </param>
internal sealed record MatMulPanels(string RightField, string? LeftField, int Slice, int? MinRows, bool RightCopied = false)
{
    /// <summary>The longest reduction copied in one slice: a 16-wide panel of it is 128 KB, a quarter of an L2.</summary>
    public const int MaxSlice = 2048;

    /// <summary>The slice of a run-time reduction: a 16-wide panel of it (16 KB) stays in L1 while the rows pass.</summary>
    public const int RunTimeSlice = 256;

    /// <summary>A run-time row count from which a weight operand is copied into panels (see <see cref="MinRows"/>).</summary>
    public const int MinRunTimeRows = 16;

    /// <summary>Right operands at least this large (bytes) are multiplied from panels; smaller ones stay cached as they are.</summary>
    public const int MinRightBytes = 1024 * 1024;

    /// <summary>The slice for a reduction given as text: the literal itself when it fits <see cref="MaxSlice"/>.</summary>
    public static int SliceFor(string reduction) =>
        int.TryParse(reduction, out int literal) ? (literal <= MaxSlice ? literal : MaxSlice) : RunTimeSlice;
}

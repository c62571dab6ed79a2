namespace DslNet.Generator.Emit;

/// <summary>
/// The sizes of the scratch a Dense layer's products use when the runtime multiplies them from column panels
/// (<c>PanelMatMul</c>): the generator allocates the fields, so these match the runtime's <c>DenseProductRules</c>.
/// A panel is as wide as a register tile and laid out [reduction][panel width], so a tile's reduction steps read
/// consecutive cache lines instead of rows a whole matrix row apart.
/// </summary>
internal static class MatMulPanels
{
    /// <summary>The slice of a run-time reduction (the batch) copied at a time: a 16-wide panel of it (16 KB) stays in L1 while the rows pass.</summary>
    public const int RunTimeSlice = 256;

    /// <summary>Right operands at least this large (bytes) are multiplied from panels; smaller ones stay cached as they are.</summary>
    public const int MinRightBytes = 1024 * 1024;
}

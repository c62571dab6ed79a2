using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The constants of a matrix product multiplied from column panels (<see cref="PanelMatMul"/>): those of
/// <see cref="IMatMulShape"/>, plus how the operands are copied. A large right operand is copied, a reduction slice at a
/// time, into panels as wide as the vector path's register tile and laid out [reduction][panel width], so a tile reads
/// consecutive cache lines instead of rows a whole matrix row apart; a left operand read down its columns (xᵀ in a
/// weight gradient) is copied into rows the same way.
/// </summary>
/// <remarks>
/// right[k, j] is at <c>k · RightReductionStride + j · RightColumnStride</c>: a right operand read down its rows (Wᵀ, a
/// column stride above 1) is transposed by the copy. The panels take <c>Slice · Columns</c> floats, the left rows
/// <c>Rows · Slice</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPanelMatMulShape : IMatMulShape
{
    /// <summary>
    /// The reduction steps copied at a time: the whole reduction when it is short enough, else a fixed slice (a run-time
    /// reduction such as a batch is copied and multiplied slice by slice, so the scratch size is fixed).
    /// </summary>
    static abstract int Slice { get; }

    /// <summary>See <see cref="IPanelMatMulShape"/>'s remarks.</summary>
    static virtual int RightColumnStride => 1;

    /// <summary>left's columns are copied into rows <see cref="Slice"/> apart before the product (left reduction stride above 1).</summary>
    static virtual bool LeftCopied => false;

    /// <summary>
    /// For a run-time row count: below it the copy would cost more than it saves (a batch of one reads every weight once
    /// anyway), and <see cref="MatMul"/>'s kernel runs on right in place. 0: always the panels.
    /// </summary>
    static virtual int MinRows => 0;

    /// <summary>
    /// The panels were filled beforehand by <see cref="PanelMatMul.PackRight{TShape}"/> and are only read: a product
    /// repeated with the same right operand, such as a recurrent weight at every time step, copies it once. Needs the
    /// whole reduction as one slice.
    /// </summary>
    static virtual bool RightPacked => false;
}

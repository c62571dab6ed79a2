using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The register tile of a vector path of <see cref="MatMul"/> and <see cref="PanelMatMul"/>: <see cref="Rows"/> result
/// rows × <see cref="Vectors"/> vectors, every accumulator a register. The best tile depends on the processor (how many
/// vector registers, how many loads per multiply-add), so it is a type argument: the kernel micro-bench
/// (<c>DslNet.Bench --kernels</c>) times each tile of <see cref="RegisterTiles"/> on the workloads' shapes, and the tile
/// each path uses by default is chosen from such runs in <c>PathTiles.cs</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRegisterTile
{
    /// <summary>Result rows per tile, 1 to 6: each row's value is broadcast once per reduction step.</summary>
    static abstract int Rows { get; }

    /// <summary>Vectors per row, 1 to 4: the right operand's vectors loaded once per reduction step and shared by the rows.</summary>
    static abstract int Vectors { get; }
}

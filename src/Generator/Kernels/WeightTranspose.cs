namespace DslNet.Generator.Emit;

/// <summary>
/// Copies a weight matrix [rows, columns] from the parameters into a transposed field [columns, rows], so an input
/// gradient dx = dz·Wᵀ runs its product along contiguous rows: a call of the runtime's
/// <c>DslNet.CompilerServices.WeightTranspose.Copy</c>, rebuilt on each call because the weights change every step.
/// </summary>
internal static class WeightTranspose
{
    public static void Emit(CodeWriter w, string offset, int rows, int columns, string target) =>
        w.Line($"global::DslNet.CompilerServices.WeightTranspose.Copy(_parameters, {offset}, {rows}, {columns}, {target});");
}

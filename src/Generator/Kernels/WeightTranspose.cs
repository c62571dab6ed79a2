namespace DslNet.Generator.Emit;

/// <summary>
/// Copies a weight matrix [rows, columns] from the parameters into a transposed field [columns, rows], so an input
/// gradient dx = dz·Wᵀ runs its product along contiguous rows. Rebuilt on each call: the weights change every step.
/// </summary>
internal static class WeightTranspose
{
    public static void Emit(CodeWriter w, string offset, int rows, int columns, string target)
    {
        w.Line($"var weights = new global::System.ReadOnlySpan<float>(_parameters, {offset}, {rows * columns});");
        using (w.Block($"for (int i = 0; i < {rows}; i++)"))
        using (w.Block($"for (int j = 0; j < {columns}; j++)"))
        {
            w.Line($"{target}[j * {rows} + i] = weights[i * {columns} + j];");
        }
    }
}

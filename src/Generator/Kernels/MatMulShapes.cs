using System.Collections.Generic;
using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// The members and summary of a matrix product's shape struct (see <see cref="KernelShapes"/>), which implements
/// <c>DslNet.CompilerServices.IMatMulShape</c>.
/// </summary>
internal static class MatMulShapes
{
    // Members left at the interface's defaults (run-time counts, unit left reduction stride, zero start, no ReLU,
    // one pass) are not written.
    public static string Members(MatMul m)
    {
        var members = new List<string> { $"public static int Columns => {m.Columns};" };
        if (m.LiteralRows is int rows) members.Add($"public static int Rows => {rows};");
        if (int.TryParse(m.Reduction, out int reduction)) members.Add($"public static int Reduction => {reduction};");
        members.Add($"public static int LeftRowStride => {m.LeftRowStride};");
        if (m.LeftReductionStride != 1) members.Add($"public static int LeftReductionStride => {m.LeftReductionStride};");
        members.Add($"public static int RightReductionStride => {m.RightReductionStride};");
        members.Add($"public static int ResultRowStride => {m.ResultRowStride};");
        if (m.Start != MatMulStart.Zero) members.Add($"public static global::DslNet.CompilerServices.MatMulStart Start => global::DslNet.CompilerServices.MatMulStart.{m.Start};");
        if (m.FusedReLU) members.Add("public static bool FusedReLU => true;");
        if (m.ShiftOffset > 0) members.Add($"public static int ShiftOffset => {m.ShiftOffset};");
        if (m.ReductionChunk > 0) members.Add($"public static int ReductionChunk => {m.ReductionChunk};");
        return string.Join(" ", members);
    }

    /// <summary>The members of an <c>IPanelMatMulShape</c>: the product's, then how its operands are copied.</summary>
    public static string PanelMembers(MatMul m, MatMulPanels panels)
    {
        var members = new List<string> { Members(m), $"public static int Slice => {panels.Slice};" };
        if (m.RightColumnStride != 1) members.Add($"public static int RightColumnStride => {m.RightColumnStride};");
        if (panels.LeftField is not null) members.Add("public static bool LeftCopied => true;");
        if (panels.MinRows is int minRows) members.Add($"public static int MinRows => {minRows};");
        if (panels.RightCopied) members.Add("public static bool RightPacked => true;");
        return string.Join(" ", members);
    }

    public static string PanelSummary(MatMul m, MatMulPanels panels)
    {
        string right = m.RightColumnStride == 1 ? "right" : "right (read down its rows)";
        string copies = panels.RightCopied
            ? $"{right} packed into column panels beforehand"
            : $"{right} copied into column panels{(panels.LeftField is null ? "" : " and left into rows")}, {panels.Slice} reduction steps at a time";
        string inPlace = panels.MinRows is int minRows ? $"; below {minRows} rows right is read in place" : "";
        return $"{Summary(m)}, {copies}{inPlace}";
    }

    public static string Summary(MatMul m)
    {
        string start = m.ShiftOffset > 0 ? "" : m.Start switch
        {
            MatMulStart.Bias => "bias[j] + ",
            MatMulStart.RowBias => "bias[i] + ",
            MatMulStart.Accumulate => "result[i, j] + ",
            _ => "",
        };
        string rows = m.LiteralRows?.ToString(CultureInfo.InvariantCulture) ?? m.Rows;
        string channel = m.Start == MatMulStart.RowBias ? "i" : "j";
        string product = m.ShiftOffset > 0
            ? $"result [{rows}, {m.Columns}] = scale[{channel}] · Σ_k left[i, k] · right[k, j] + shift[{channel}] over k &lt; {m.Reduction}"
            : $"result [{rows}, {m.Columns}] = {start}Σ_k left[i, k] · right[k, j] over k &lt; {m.Reduction}";
        string sliced = m.ReductionChunk > 0 ? $", in slices of {m.ReductionChunk}" : "";
        return m.FusedReLU ? $"{product}, then ReLU{sliced}" : product + sliced;
    }
}

using System.Collections.Generic;
using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// The distinct products of one network class, each written once as a nested struct implementing
/// <c>DslNet.CompilerServices.IMatMulShape</c>: its static members give the runtime's <c>MatMul</c> kernel every count
/// and stride as a constant, so the JIT compiles one specialisation per struct. Products with the same constants share
/// a struct (and so the machine code); numbered in order of first use, which keeps the generated text deterministic.
/// </summary>
internal sealed class MatMulShapes
{
    private readonly Dictionary<string, string> _names = new();
    private readonly List<(string Name, string Summary, string Members)> _shapes = new();

    /// <summary>The struct for <paramref name="m"/>'s constants (its panels aside), added when it is new.</summary>
    public string NameFor(MatMul m)
    {
        string members = Members(m);
        if (_names.TryGetValue(members, out string? name)) return name;
        name = "MatMulShape" + _shapes.Count.ToString(CultureInfo.InvariantCulture);
        _names.Add(members, name);
        _shapes.Add((name, Summary(m), members));
        return name;
    }

    /// <summary>Writes every struct named so far; nothing when the network has no product.</summary>
    public void Write(CodeWriter w)
    {
        if (_shapes.Count == 0) return;
        w.Line();
        w.Line("// The products' shapes: MatMul.Multiply<TShape> is compiled once per struct, with these as constants.");
        foreach (var (name, summary, members) in _shapes)
        {
            w.Line($"/// <summary>{summary}</summary>");
            w.Line($"private struct {name} : global::DslNet.CompilerServices.IMatMulShape {{ {members} }}");
        }
    }

    // Members left at the interface's defaults (run-time counts, unit left reduction stride, zero start, no ReLU,
    // one pass) are not written.
    private static string Members(MatMul m)
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
        if (m.ReductionChunk > 0) members.Add($"public static int ReductionChunk => {m.ReductionChunk};");
        return string.Join(" ", members);
    }

    private static string Summary(MatMul m)
    {
        string start = m.Start switch
        {
            MatMulStart.Bias => "bias[j] + ",
            MatMulStart.RowBias => "bias[i] + ",
            MatMulStart.Accumulate => "result[i, j] + ",
            _ => "",
        };
        string rows = m.LiteralRows?.ToString(CultureInfo.InvariantCulture) ?? m.Rows;
        string product = $"result [{rows}, {m.Columns}] = {start}Σ_k left[i, k] · right[k, j] over k &lt; {m.Reduction}";
        string sliced = m.ReductionChunk > 0 ? $", in slices of {m.ReductionChunk}" : "";
        return m.FusedReLU ? $"{product}, then ReLU{sliced}" : product + sliced;
    }
}

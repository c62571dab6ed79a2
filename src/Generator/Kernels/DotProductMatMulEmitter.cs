using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a <see cref="DotProductMatMul"/> as a call of the runtime's <c>DslNet.CompilerServices.DotProductMatMul</c>
/// (right copied transposed into a scratch block, then register tiles of outer products), specialised by a struct of the
/// product's constants (<see cref="KernelShapes"/>). The <c>left</c>, <c>right</c> and <c>result</c> refs are in scope, and
/// <c>scratch</c>, at least Reduction × Columns floats.
/// </summary>
internal static class DotProductMatMulEmitter
{
    public static void Emit(CodeWriter w, DotProductMatMul m)
    {
        string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);
        string members = $"public static int Rows => {Literal(m.Rows)}; public static int Columns => {Literal(m.Columns)}; public static int Reduction => {Literal(m.Reduction)}; "
            + $"public static int LeftRowStride => {Literal(m.LeftRowStride)}; public static int RightRowStride => {Literal(m.RightRowStride)}; public static int ResultRowStride => {Literal(m.ResultRowStride)};"
            + (m.Accumulate ? " public static bool Accumulate => true;" : "");
        string summary = $"result [{Literal(m.Rows)}, {Literal(m.Columns)}] {(m.Accumulate ? "+=" : "=")} Σ_k left[i, k] · right[j, k] over k &lt; {Literal(m.Reduction)}";
        string shape = w.KernelShapes.NameFor("DotProductShape", "IDotProductShape", members, summary);
        w.Line($"global::DslNet.CompilerServices.DotProductMatMul.Multiply<{shape}>(ref left, ref right, ref result, ref scratch);");
    }
}

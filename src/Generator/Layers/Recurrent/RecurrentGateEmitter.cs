using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// The element-wise part of one recurrent step for one row, as a call of the runtime's
/// <c>DslNet.CompilerServices.RecurrentGates</c>: one fused pass over the units, specialised by a struct holding the
/// unit count (<see cref="KernelShapes"/>), so each distinct layer width is compiled with its bounds and gate offsets as
/// constants. The <c>ref float</c> operands are declared by the caller. An LSTM row's gates are [i f o g], one unit
/// count apart, a GRU row's [r z n] likewise.
/// </summary>
internal static class RecurrentGateEmitter
{
    /// <summary>
    /// LSTM forward from the pre-activations in <c>z</c>: [i f o] = σ, g = tanh (stored back into <c>z</c>, which the
    /// backward reads), <c>c</c> = f·<c>previousCell</c> + i·g, <c>cellTanh</c> = tanh(c), <c>h</c> = o·tanh(c).
    /// </summary>
    public static void EmitLstmForward(CodeWriter w, int units) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentGates.LstmForward<{Shape(w, units)}>(ref z, ref previousCell, ref c, ref cellTanh, ref h);");

    /// <summary>
    /// LSTM gate gradients into <c>dz</c> from the kept gates <c>z</c>, <c>cellTanh</c> and <c>previousCell</c>, with
    /// dL/dh in <c>hiddenRow</c> and the cell gradient carried in <c>dc</c> (replaced by the one for the step before).
    /// </summary>
    public static void EmitLstmBackward(CodeWriter w, int units) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentGates.LstmBackward<{Shape(w, units)}>(ref z, ref cellTanh, ref previousCell, ref hiddenRow, ref dz, ref dc);");

    /// <summary>
    /// GRU forward from the input pre-activations in <c>z</c> (x·W + b_i) and the recurrent ones in <c>hz</c>
    /// (h·U + b_h): [r z] = σ, n = tanh(x_n + r·h_n), stored back into <c>z</c>; <c>h</c> = (1 − z)·n + z·<c>previousHidden</c>.
    /// </summary>
    public static void EmitGruForward(CodeWriter w, int units) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentGates.GruForward<{Shape(w, units)}>(ref z, ref hz, ref previousHidden, ref h);");

    /// <summary>
    /// GRU gate gradients from the kept gates <c>z</c>, h_n in <c>hz</c> and <c>previousHidden</c>, with dL/dh in
    /// <c>hiddenRow</c>: the input side into <c>dz</c>, the recurrent side into <c>dhz</c>, and <c>hiddenRow</c> replaced by dh·z.
    /// </summary>
    public static void EmitGruBackward(CodeWriter w, int units) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentGates.GruBackward<{Shape(w, units)}>(ref z, ref hz, ref previousHidden, ref hiddenRow, ref dz, ref dhz);");

    /// <summary>SimpleRnn gate gradient into <c>dz</c> from the kept state <c>h</c> = tanh(z) and dL/dh in <c>hiddenRow</c>: dz = dh·(1 − h²).</summary>
    public static void EmitSimpleRnnBackward(CodeWriter w, int units) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentGates.SimpleRnnBackward<{Shape(w, units)}>(ref h, ref hiddenRow, ref dz);");

    private static string Shape(CodeWriter w, int units)
    {
        string count = units.ToString(CultureInfo.InvariantCulture);
        return w.KernelShapes.NameFor("RecurrentShape", "IRecurrentShape", $"public static int Units => {count};", $"a recurrent layer of {count} units");
    }
}

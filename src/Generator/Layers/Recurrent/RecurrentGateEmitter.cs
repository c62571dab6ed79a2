using System;

namespace DslNet.Generator.Emit;

/// <summary>
/// The element-wise part of one recurrent step for one row, written as one fused pass over the units instead of a
/// library call per operation: each gate value is loaded once, activated, combined and stored while still in a
/// register. Three paths chosen by JIT-time constants (Vector512, Vector256, scalar), every length and gate offset a
/// literal, <c>ref float</c> operands the caller declares. An LSTM row's gates are [i f o g], one unit count apart.
/// σ and tanh are calls to <c>DslNet.CompilerServices.VectorActivation</c> (inlined by the JIT), whose overloads take a float or either
/// vector, so the text of each path differs only in its loads and stores; the backward's arithmetic keeps the order
/// of the scalar loop it replaced, so it gives the same floats.
/// </summary>
internal static class RecurrentGateEmitter
{
    /// <summary>
    /// LSTM forward from the pre-activations in <c>z</c>: [i f o] = σ, g = tanh (stored back into <c>z</c>, which the
    /// backward reads), <c>c</c> = f·<c>previousCell</c> + i·g, <c>cellTanh</c> = tanh(c), <c>h</c> = o·tanh(c).
    /// </summary>
    public static void EmitLstmForward(CodeWriter w, int units) => EmitLanes(w, units, (v, j) =>
    {
        w.Line($"var inputGate = {Sigmoid(v.Load("z", j))};");
        w.Line($"var forgetGate = {Sigmoid(v.Load("z", At(j, units)))};");
        w.Line($"var outputGate = {Sigmoid(v.Load("z", At(j, 2 * units)))};");
        w.Line($"var candidate = {Tanh(v.Load("z", At(j, 3 * units)))};");
        w.Line($"var cell = forgetGate * {v.Load("previousCell", j)} + inputGate * candidate;");
        w.Line($"var tanhCell = {Tanh("cell")};");
        w.Line(v.Store("inputGate", "z", j));
        w.Line(v.Store("forgetGate", "z", At(j, units)));
        w.Line(v.Store("outputGate", "z", At(j, 2 * units)));
        w.Line(v.Store("candidate", "z", At(j, 3 * units)));
        w.Line(v.Store("cell", "c", j));
        w.Line(v.Store("tanhCell", "cellTanh", j));
        w.Line(v.Store("outputGate * tanhCell", "h", j));
    });

    /// <summary>
    /// LSTM gate gradients from the kept gates <c>z</c>, <c>cellTanh</c> and <c>previousCell</c>, with dL/dh in
    /// <c>hiddenRow</c> and the cell gradient carried in <c>dc</c> (replaced by the one for the step before):
    ///   dc' = dc + dh·o·(1 − tanh²c); dz = [dc'·g·i(1−i), dc'·c_{t−1}·f(1−f), dh·tanh c·o(1−o), dc'·i·(1−g²)]; dc = dc'·f
    /// </summary>
    public static void EmitLstmBackward(CodeWriter w, int units) => EmitLanes(w, units, (v, j) =>
    {
        w.Line($"var inputGate = {v.Load("z", j)};");
        w.Line($"var forgetGate = {v.Load("z", At(j, units))};");
        w.Line($"var outputGate = {v.Load("z", At(j, 2 * units))};");
        w.Line($"var candidate = {v.Load("z", At(j, 3 * units))};");
        w.Line($"var tanhCell = {v.Load("cellTanh", j)};");
        w.Line($"var dHidden = {v.Load("hiddenRow", j)};");
        w.Line($"var dCell = {v.Load("dc", j)} + dHidden * outputGate * ({v.One} - tanhCell * tanhCell);");
        w.Line(v.Store($"dCell * candidate * inputGate * ({v.One} - inputGate)", "dz", j));
        w.Line(v.Store($"dCell * {v.Load("previousCell", j)} * forgetGate * ({v.One} - forgetGate)", "dz", At(j, units)));
        w.Line(v.Store($"dHidden * tanhCell * outputGate * ({v.One} - outputGate)", "dz", At(j, 2 * units)));
        w.Line(v.Store($"dCell * inputGate * ({v.One} - candidate * candidate)", "dz", At(j, 3 * units)));
        w.Line(v.Store("dCell * forgetGate", "dc", j));
    });

    /// <summary>SimpleRnn gate gradient from the kept state <c>h</c> = tanh(z) and dL/dh in <c>hiddenRow</c>: dz = dh·(1 − h²).</summary>
    public static void EmitSimpleRnnBackward(CodeWriter w, int units) => EmitLanes(w, units, (v, j) =>
    {
        w.Line($"var state = {v.Load("h", j)};");
        w.Line(v.Store($"{v.Load("hiddenRow", j)} * ({v.One} - state * state)", "dz", j));
    });

    /// <summary>
    /// The three paths over <paramref name="length"/> lanes: each writes full vectors of its width in a loop with a
    /// literal bound, the Vector512 path one Vector256 step for a remainder of 8 or more, then single floats; a row
    /// shorter than 8 is one scalar loop.
    /// <paramref name="body"/> writes one step for the index text it is given, in a scope of its own.
    /// </summary>
    private static void EmitLanes(CodeWriter w, int length, Action<VectorText, string> body)
    {
        if (length < 8)
        {
            EmitWidths(w, length, [1], body); // too short for a vector: the three paths would be the same
            return;
        }
        using (w.Block("if (Vector512.IsHardwareAccelerated)")) EmitWidths(w, length, [16, 8, 1], body);
        using (w.Block("else if (Vector256.IsHardwareAccelerated)")) EmitWidths(w, length, [8, 1], body);
        using (w.Block("else")) EmitWidths(w, length, [1], body);
    }

    private static void EmitWidths(CodeWriter w, int length, int[] widths, Action<VectorText, string> body)
    {
        int start = 0;
        foreach (int width in widths)
        {
            int end = start + (length - start) / width * width;
            if (end - start == width)
            {
                using (w.Block(string.Empty)) body(new VectorText(width), start.ToString());
            }
            else if (end > start)
            {
                using (w.Block($"for (int j = {start}; j < {end}; {(width == 1 ? "j++" : $"j += {width}")})")) body(new VectorText(width), "j");
            }
            start = end;
        }
    }

    /// <summary><c>j + offset</c>, added up when <paramref name="j"/> is a literal.</summary>
    private static string At(string j, int offset) => int.TryParse(j, out int start) ? (start + offset).ToString() : IndexText.Plus(j, offset);

    /// <summary>σ of one float or vector, by <c>DslNet.CompilerServices.VectorActivation</c>, which has an overload for each width.</summary>
    private static string Sigmoid(string value) => $"global::DslNet.CompilerServices.VectorActivation.Sigmoid({value})";

    private static string Tanh(string value) => $"global::DslNet.CompilerServices.VectorActivation.Tanh({value})";
}

using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A SimpleRnn, Lstm or Gru layer over [batch, time, n] inputs, unrolled over the run-time time steps with every size
/// literal. Internally time-major (row t·batch + b), so each step's rows are contiguous and every product is one
/// register-blocked matrix product over the whole batch:
///   forward   z = X·W + b for all steps at once; then per step z_t += h_{t−1}·U and the cell update
///   backward  BPTT from the last step, dz_t from the kept gates, dh_{t−1} = dz_t·Uᵀ; then once for all steps
///             dW += Xᵀ·dz, dU += H_{t−1}ᵀ·dz, db += Σ dz, and dX = dz·Wᵀ
/// An LSTM's gate columns are [i, f, o, g] (three sigmoids side by side, then the tanh candidate). A GRU's are [r, z, n]
/// as PyTorch orders them; its recurrent product h_{t−1}·U + b_h goes to a buffer of its own, because the reset gate
/// scales its n part, and backward splits dz into an input side (for W, b_i and dX) and a recurrent side (for U, b_h
/// and dh_{t−1}), which differ in n: the recurrent side is the input side times r. A step at or past
/// a sequence's length copies the state through, so it changes nothing and passes its gradient back unchanged.
/// </summary>
internal sealed class RecurrentEmitter : LayerEmitter
{
    private readonly RecurrentSpec _recurrent;
    private readonly int _n, _u, _g;

    public RecurrentEmitter(LayerShape shape) : base(shape)
    {
        _recurrent = (RecurrentSpec)shape.Layer;
        _n = shape.Input.Size;
        _u = _recurrent.Units;
        _g = _recurrent.Gates * _u;
    }

    private bool IsLstm => _recurrent.Cell == RecurrentCell.Lstm;

    private bool IsGru => _recurrent.Cell == RecurrentCell.Gru;

    public override bool CarriesState => _recurrent.Stateful;

    // Every step past a sequence's length gets zeros here, and its gradient is never read.
    public override bool ZeroesPastLengths => true;

    public override string Header => _recurrent.Cell switch
    {
        RecurrentCell.Lstm => $"// {Names.Name}: Lstm {_u} units, {Shape.Input}→{Shape.Output}{StatefulNote}: [i f o g] = σσσtanh(x·W + h·U + b), c = f·c + i·g, h = o·tanh(c)",
        RecurrentCell.Gru => $"// {Names.Name}: Gru {_u} units, {Shape.Input}→{Shape.Output}{StatefulNote}: [r z] = σσ(x·W + b_i + h·U + b_h), n = tanh(x·W_n + b_in + r·(h·U_n + b_hn)), h = (1 − z)·n + z·h",
        _ => $"// {Names.Name}: SimpleRnn {_u} units, {Shape.Input}→{Shape.Output}{StatefulNote}: h = tanh(x·W + h·U + b)",
    };

    private string StatefulNote => _recurrent.Stateful ? ", stateful" : "";

    public override LayerDescriptionText Description => new(_recurrent.Kind + "Description", ArchitectureEmitter.Int(_recurrent.Units), ArchitectureEmitter.Bool(_recurrent.ReturnSequences), ArchitectureEmitter.Bool(_recurrent.Stateful));

    private string Steps => Names.Field("Steps");
    private string Gates => Names.Field("Gates");
    private string Hidden => Names.Field("Hidden");
    private string Cells => Names.Field("Cells");
    private string CellTanh => Names.Field("CellTanh");
    private string GateGradient => Names.Field("GateGradient");
    private string StepsGradient => Names.Field("StepsGradient");
    private string HiddenGradient => Names.Field("HiddenGradient");
    private string CellGradient => Names.Field("CellGradient");
    private string Carry => Names.Field("Carry");
    private string State => Names.Field("State");
    private string CellState => Names.Field("CellState");
    private string RecurrentPanels => Names.Field("RecurrentPanels");
    private string GatePanels => Names.Field("GateGradientPanels");
    private string StateRows => Names.Field("StateRows");
    private string RecurrentOffset => Names.Offset("recurrent");
    private string HiddenGates => Names.Field("HiddenGates");
    private string HiddenGateGradient => Names.Field("HiddenGateGradient");
    private string RecurrentBiasOffset => Names.Offset("recurrentBias");

    public override void EmitFields(CodeWriter w)
    {
        w.Line($"private readonly float[] {RecurrentPanels} = global::DslNet.CompilerServices.AlignedFloats.Allocate({_u * _g}); // {Names.Name}: U in column panels for the forward, Uᵀ for the backward");
        w.Line($"private readonly float[] {Names.WeightTransposed} = global::DslNet.CompilerServices.AlignedFloats.Allocate({_n * _g}); // {Names.Name}: Wᵀ, [{_g}, {_n}]");
        w.Line($"private readonly float[] {GatePanels} = global::DslNet.CompilerServices.AlignedFloats.Allocate({MatMulPanels.RunTimeSlice * _g}); // {Names.Name}: a slice of dz in column panels for dW and dU");
        w.Line($"private readonly float[] {StateRows} = global::DslNet.CompilerServices.AlignedFloats.Allocate({System.Math.Max(_n, _u) * MatMulPanels.RunTimeSlice}); // {Names.Name}: a slice of Xᵀ or H_{{t−1}}ᵀ as rows");
    }

    /// <summary>dW or dU over every step: the reduction runs over all batch × time rows, dz's slices read from panels.</summary>
    private MatMul WeightGradientProduct(int rows) =>
        new(rows.ToString(), rows, "rows", _g, 1, rows, _g, _g, MatMulStart.Accumulate, FusedReLU: false,
            Panels: new MatMulPanels(GatePanels, StateRows, MatMulPanels.RunTimeSlice, null));

    public override void EmitCapacity(CodeWriter w)
    {
        var buffers = new List<(string Name, string Size)>
        {
            (Steps, $"rows * {_n}"), (Gates, $"rows * {_g}"), (Hidden, $"(rows + batch) * {_u}"),
            (GateGradient, $"rows * {_g}"), (StepsGradient, $"rows * {_n}"), (HiddenGradient, $"batch * {_u}"), (Carry, $"batch * {_u}"),
        };
        if (IsLstm) buffers.AddRange([(Cells, $"(rows + batch) * {_u}"), (CellTanh, $"rows * {_u}"), (CellGradient, $"batch * {_u}")]);
        if (IsGru) buffers.AddRange([(HiddenGates, $"rows * {_g}"), (HiddenGateGradient, $"rows * {_g}")]);
        foreach (var (name, size) in buffers) w.Line($"{name} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({size}));");
        if (_recurrent.Stateful)
        {
            // Resized, not replaced: the carried state survives a larger batch.
            w.Line($"global::System.Array.Resize(ref {State}, checked(batch * {_u}));");
            if (IsLstm) w.Line($"global::System.Array.Resize(ref {CellState}, checked(batch * {_u}));");
        }
    }

    public override void EmitReset(CodeWriter w)
    {
        if (!_recurrent.Stateful) return;
        w.Line($"global::System.Array.Clear({State}); // {Names.Name}");
        if (IsLstm) w.Line($"global::System.Array.Clear({CellState});");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {_n * _g}), fanIn: {_n}, fanOut: {_g}, random); // {Names.Name}: W, Glorot");
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {RecurrentOffset}, {_u * _g}), fanIn: {_u}, fanOut: {_g}, random); // {Names.Name}: U, Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {Names.BiasOffset}, {_g}).Clear();");
        if (IsGru)
        {
            w.Line($"new global::System.Span<float>(_parameters, {RecurrentBiasOffset}, {_g}).Clear();");
            // As the LSTM's forget gate: z = σ(1) ≈ 0.73 keeps most of the state, so a gradient reaches far-back steps from the start.
            w.Line($"new global::System.Span<float>(_parameters, {Names.BiasOffset} + {_u}, {_u}).Fill(1f); // the update gate starts leaning towards keeping the state");
        }
        if (IsLstm) w.Line($"new global::System.Span<float>(_parameters, {Names.BiasOffset} + {_u}, {_u}).Fill(1f); // the forget gate starts open");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, batch, timeSteps);");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"{Names.Pascal}ParameterGradients({delta}, batch, timeSteps);");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{Names.Pascal}InputGradient({target}, batch, timeSteps);");

    public override void EmitMethods(CodeWriter w)
    {
        w.Line($"// {Names.Name} buffers, time-major (row t·batch + b): inputs, gates, states (slot 0 the initial state), and their gradients.");
        foreach (string name in new[] { Steps, Gates, Hidden, GateGradient, StepsGradient, HiddenGradient, Carry })
        {
            w.Line($"private float[] {name};");
        }
        if (IsLstm)
        {
            foreach (string name in new[] { Cells, CellTanh, CellGradient }) w.Line($"private float[] {name};");
        }
        if (IsGru)
        {
            w.Line($"// {Names.Name}: every step's h_{{t−1}}·U + b_h (its n part kept for the backward) and its gradient, time-major.");
            foreach (string name in new[] { HiddenGates, HiddenGateGradient }) w.Line($"private float[] {name};");
        }
        if (_recurrent.Stateful)
        {
            w.Line($"// The final state of the last batch, [capacity, {_u}], where the next batch starts.");
            w.Line($"private float[] {State};");
            if (IsLstm) w.Line($"private float[] {CellState};");
        }
        w.Line();
        EmitForward(w);
        w.Line();
        EmitParameterGradients(w);
        w.Line();
        EmitInputGradient(w);
    }

    private void EmitForward(CodeWriter w)
    {
        int n = _n, u = _u, g = _g;
        w.Line($"/// <summary>{Names.Name} forward: input [batch, timeSteps, {n}] → output {(Shape.Output.IsSequence ? $"[batch, timeSteps, {u}]" : $"[batch, {u}]")}.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, int timeSteps)"))
        {
            w.Line("int rows = batch * timeSteps;");
            w.Line($"var steps = new global::System.Span<float>({Steps}, 0, rows * {n});");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            using (w.Block("for (int t = 0; t < timeSteps; t++)"))
            {
                w.Line($"input.Slice((b * timeSteps + t) * {n}, {n}).CopyTo(steps.Slice((t * batch + b) * {n}, {n}));");
            }
            using (w.Block(string.Empty))
            {
                w.Line("// Every step's input product at once: z[t·batch + b] = x[b, t]·W + bias.");
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({Steps});");
                w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.WeightOffset});");
                w.Line($"ref float bias = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.BiasOffset});");
                w.Line($"ref float result = ref MemoryMarshal.GetArrayDataReference({Gates});");
                MatMulEmitter.Emit(w, new MatMul("rows", null, n.ToString(), g, n, 1, g, g, MatMulStart.Bias, FusedReLU: false));
            }
            w.Line($"var hidden = new global::System.Span<float>({Hidden}, 0, (rows + batch) * {u});");
            if (IsLstm) w.Line($"var cells = new global::System.Span<float>({Cells}, 0, (rows + batch) * {u});");
            if (_recurrent.Stateful)
            {
                w.Line("// Stateful: start from the last batch's final state.");
                w.Line($"new global::System.ReadOnlySpan<float>({State}, 0, batch * {u}).CopyTo(hidden);");
                if (IsLstm) w.Line($"new global::System.ReadOnlySpan<float>({CellState}, 0, batch * {u}).CopyTo(cells);");
            }
            else
            {
                w.Line("// The state starts at zero.");
                w.Line($"hidden.Slice(0, batch * {u}).Clear();");
                if (IsLstm) w.Line($"cells.Slice(0, batch * {u}).Clear();");
            }
            if (IsGru)
            {
                w.Line("// Every step's recurrent product starts from b_h: it stays apart from x·W + b_i, the reset gate scales its n part.");
                w.Line($"var recurrentBias = new global::System.ReadOnlySpan<float>(_parameters, {RecurrentBiasOffset}, {g});");
                using (w.Block("for (int r = 0; r < rows; r++)")) w.Line($"recurrentBias.CopyTo(new global::System.Span<float>({HiddenGates}, r * {g}, {g}));");
            }
            var recurrentProduct = new MatMul("batch", null, u.ToString(), g, u, 1, g, g, MatMulStart.Accumulate, FusedReLU: false,
                Panels: new MatMulPanels(RecurrentPanels, null, u, null, RightCopied: true));
            using (w.Block(string.Empty))
            {
                w.Line("// U into column panels once: every step's product reads them along consecutive cache lines.");
                w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {RecurrentOffset});");
                MatMulEmitter.EmitPanelCopy(w, recurrentProduct);
            }
            using (w.Block("for (int t = 0; t < timeSteps; t++)"))
            {
                using (w.Block(string.Empty))
                {
                    w.Line(IsGru ? "// hz_t = b_h + h_{t−1}·U, one product over the whole batch." : "// z_t += h_{t−1}·U, one product over the whole batch.");
                    w.Line($"ref float left = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Hidden}), t * batch * {u});");
                    w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {RecurrentOffset});");
                    w.Line($"ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({(IsGru ? HiddenGates : Gates)}), t * batch * {g});");
                    MatMulEmitter.Emit(w, recurrentProduct);
                }
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line("int row = t * batch + b;");
                    using (w.Block("if (t >= _lengths[b])"))
                    {
                        w.Line("// Past this sequence's end: the state carries over unchanged.");
                        w.Line($"hidden.Slice(row * {u}, {u}).CopyTo(hidden.Slice((row + batch) * {u}, {u}));");
                        if (IsLstm) w.Line($"cells.Slice(row * {u}, {u}).CopyTo(cells.Slice((row + batch) * {u}, {u}));");
                        w.Line("continue;");
                    }
                    if (IsLstm)
                    {
                        w.Line("// One pass over the units: [i f o] = σ, g = tanh, c = f·c_{t−1} + i·g, h = o·tanh(c).");
                        w.Line($"ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Gates}), row * {g});");
                        w.Line($"ref float previousCell = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Cells}), row * {u});");
                        w.Line($"ref float c = ref Unsafe.Add(ref previousCell, batch * {u});");
                        w.Line($"ref float cellTanh = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({CellTanh}), row * {u});");
                        w.Line($"ref float h = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Hidden}), (row + batch) * {u});");
                        RecurrentGateEmitter.EmitLstmForward(w, u);
                    }
                    else if (IsGru)
                    {
                        w.Line("// One pass over the units: [r z] = σ, n = tanh(x_n + r·h_n), h = (1 − z)·n + z·h_{t−1}.");
                        w.Line($"ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Gates}), row * {g});");
                        w.Line($"ref float hz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({HiddenGates}), row * {g});");
                        w.Line($"ref float previousHidden = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Hidden}), row * {u});");
                        w.Line($"ref float h = ref Unsafe.Add(ref previousHidden, batch * {u});");
                        RecurrentGateEmitter.EmitGruForward(w, u);
                    }
                    else
                    {
                        w.Line($"TensorPrimitives.Tanh(new global::System.ReadOnlySpan<float>({Gates}, row * {g}, {g}), hidden.Slice((row + batch) * {u}, {u}));");
                    }
                }
            }
            if (Shape.Output.IsSequence)
            {
                w.Line("// Every step's state, batch-major; steps past a sequence's end output zero.");
                using (w.Block("for (int b = 0; b < batch; b++)"))
                using (w.Block("for (int t = 0; t < timeSteps; t++)"))
                {
                    w.Line($"var y = output.Slice((b * timeSteps + t) * {u}, {u});");
                    w.Line($"if (t < _lengths[b]) hidden.Slice(((t + 1) * batch + b) * {u}, {u}).CopyTo(y);");
                    w.Line("else y.Clear();");
                }
            }
            else
            {
                w.Line("// The final state, which is each sequence's state at its own last step.");
                w.Line($"hidden.Slice(rows * {u}, batch * {u}).CopyTo(output);");
            }
            if (_recurrent.Stateful)
            {
                w.Line($"hidden.Slice(rows * {u}, batch * {u}).CopyTo({State});");
                if (IsLstm) w.Line($"cells.Slice(rows * {u}, batch * {u}).CopyTo({CellState});");
            }
        }
    }

    private void EmitParameterGradients(CodeWriter w)
    {
        int n = _n, u = _u, g = _g;
        w.Line(IsGru
            ? $"/// <summary>{Names.Name}: backpropagation through time from dL/dy, then dW += Xᵀ·dz, db_i += Σ dz (input side), dU += H_{{t−1}}ᵀ·dz, db_h += Σ dz (recurrent side).</summary>"
            : $"/// <summary>{Names.Name}: backpropagation through time from dL/dy, then dW += Xᵀ·dz, dU += H_{{t−1}}ᵀ·dz, db += Σ dz.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}ParameterGradients(global::System.ReadOnlySpan<float> delta, int batch, int timeSteps)"))
        {
            w.Line("int rows = batch * timeSteps;");
            var recurrentProduct = new MatMul("batch", null, g.ToString(), u, g, 1, 1, u, MatMulStart.Zero, FusedReLU: false,
                Panels: new MatMulPanels(RecurrentPanels, null, g, null, RightCopied: true), RightColumnStride: g);
            using (w.Block(string.Empty))
            {
                w.Line("// Uᵀ into column panels once (the copy transposes U on the way): every step's dh product reads them.");
                w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {RecurrentOffset});");
                MatMulEmitter.EmitPanelCopy(w, recurrentProduct);
            }
            w.Line($"var hiddenGradient = new global::System.Span<float>({HiddenGradient}, 0, batch * {u});");
            w.Line("hiddenGradient.Clear();");
            if (IsLstm)
            {
                w.Line($"var cellGradient = new global::System.Span<float>({CellGradient}, 0, batch * {u});");
                w.Line("cellGradient.Clear();");
            }
            w.Line($"var gateGradient = new global::System.Span<float>({GateGradient}, 0, rows * {g});");
            if (IsGru) w.Line($"var hiddenGateGradient = new global::System.Span<float>({HiddenGateGradient}, 0, rows * {g});");
            using (w.Block("for (int t = timeSteps - 1; t >= 0; t--)"))
            {
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line("int row = t * batch + b;");
                    w.Line($"var dh = hiddenGradient.Slice(b * {u}, {u});");
                    w.Line(Shape.Output.IsSequence
                        ? $"if (t < _lengths[b]) TensorPrimitives.Add(dh, delta.Slice((b * timeSteps + t) * {u}, {u}), dh);"
                        : $"if (t == timeSteps - 1) TensorPrimitives.Add(dh, delta.Slice(b * {u}, {u}), dh);");
                    using (w.Block("if (t >= _lengths[b])"))
                    {
                        w.Line($"gateGradient.Slice(row * {g}, {g}).Clear(); // a copied-through step: no gradient for the weights, dh passes back unchanged");
                        if (IsGru) w.Line($"hiddenGateGradient.Slice(row * {g}, {g}).Clear();");
                        w.Line("continue;");
                    }
                    w.Line("ref float hiddenRow = ref MemoryMarshal.GetReference(dh);");
                    w.Line($"ref float dz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({GateGradient}), row * {g});");
                    if (IsLstm)
                    {
                        w.Line("// One pass over the units: dz for [i f o g] from the kept gates, and dc for the step before.");
                        w.Line($"ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Gates}), row * {g});");
                        w.Line($"ref float cellTanh = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({CellTanh}), row * {u});");
                        w.Line($"ref float previousCell = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Cells}), row * {u});");
                        w.Line($"ref float dc = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({CellGradient}), b * {u});");
                        RecurrentGateEmitter.EmitLstmBackward(w, u);
                    }
                    else if (IsGru)
                    {
                        w.Line("// One pass over the units: both sides of dz for [r z n] from the kept gates, and dh replaced by its direct part dh·z.");
                        w.Line($"ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Gates}), row * {g});");
                        w.Line($"ref float hz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({HiddenGates}), row * {g});");
                        w.Line($"ref float previousHidden = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Hidden}), row * {u});");
                        w.Line($"ref float dhz = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({HiddenGateGradient}), row * {g});");
                        RecurrentGateEmitter.EmitGruBackward(w, u);
                    }
                    else
                    {
                        w.Line("// dz = dh·(1 − h²), from the kept state h = tanh(z).");
                        w.Line($"ref float h = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({Hidden}), (row + batch) * {u});");
                        RecurrentGateEmitter.EmitSimpleRnnBackward(w, u);
                    }
                }
                using (w.Block(string.Empty))
                {
                    w.Line(IsGru ? "// The recurrent side's share of dh_{t−1}: dz_t·Uᵀ, one product over the whole batch." : "// dh_{t−1} = dz_t·Uᵀ, one product over the whole batch.");
                    w.Line($"ref float left = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference({(IsGru ? HiddenGateGradient : GateGradient)}), t * batch * {g});");
                    w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {RecurrentOffset});");
                    w.Line($"ref float result = ref MemoryMarshal.GetArrayDataReference({Carry});");
                    MatMulEmitter.Emit(w, recurrentProduct);
                }
                using (w.Block("for (int b = 0; b < batch; b++)"))
                {
                    w.Line(IsGru
                        ? $"if (t < _lengths[b]) TensorPrimitives.Add(hiddenGradient.Slice(b * {u}, {u}), new global::System.ReadOnlySpan<float>({Carry}, b * {u}, {u}), hiddenGradient.Slice(b * {u}, {u}));"
                        : $"if (t < _lengths[b]) new global::System.ReadOnlySpan<float>({Carry}, b * {u}, {u}).CopyTo(hiddenGradient.Slice(b * {u}, {u}));");
                }
            }
            using (w.Block(string.Empty))
            {
                w.Line("// dW += Xᵀ·dz over every step of every sample.");
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({Steps});");
                w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({GateGradient});");
                w.Line($"ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_gradients), {Names.WeightOffset});");
                MatMulEmitter.Emit(w, WeightGradientProduct(n));
            }
            using (w.Block(string.Empty))
            {
                w.Line("// dU += H_{t−1}ᵀ·dz: the states from slot 0 (the initial state) on line up with the steps.");
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({Hidden});");
                w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({(IsGru ? HiddenGateGradient : GateGradient)});");
                w.Line($"ref float result = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_gradients), {RecurrentOffset});");
                MatMulEmitter.Emit(w, WeightGradientProduct(u));
            }
            w.Line($"global::DslNet.CompilerServices.BiasGradient.Accumulate(_gradients, {Names.BiasOffset}, {g}, gateGradient, rows);");
            if (IsGru)
            {
                w.Line($"global::DslNet.CompilerServices.BiasGradient.Accumulate(_gradients, {RecurrentBiasOffset}, {g}, hiddenGateGradient, rows);");
            }
        }
    }

    private void EmitInputGradient(CodeWriter w)
    {
        int n = _n, g = _g;
        w.Line($"/// <summary>{Names.Name}: dX = dz·Wᵀ for every step, back to batch-major [batch, timeSteps, {n}].</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.Span<float> inputGradient, int batch, int timeSteps)"))
        {
            w.Line("int rows = batch * timeSteps;");
            WeightTranspose.Emit(w, Names.WeightOffset, n, g, Names.WeightTransposed);
            using (w.Block(string.Empty))
            {
                w.Line($"ref float left = ref MemoryMarshal.GetArrayDataReference({GateGradient});");
                w.Line($"ref float right = ref MemoryMarshal.GetArrayDataReference({Names.WeightTransposed});");
                w.Line($"ref float result = ref MemoryMarshal.GetArrayDataReference({StepsGradient});");
                MatMulEmitter.Emit(w, new MatMul("rows", null, g.ToString(), n, g, 1, n, n, MatMulStart.Zero, FusedReLU: false));
            }
            using (w.Block("for (int b = 0; b < batch; b++)"))
            using (w.Block("for (int t = 0; t < timeSteps; t++)"))
            {
                w.Line($"new global::System.ReadOnlySpan<float>({StepsGradient}, (t * batch + b) * {n}, {n}).CopyTo(inputGradient.Slice((b * timeSteps + t) * {n}, {n}));");
            }
        }
    }
}

using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A SimpleRnn, Lstm or Gru layer over [batch, time, n] inputs, as calls of the runtime's <c>RecurrentLayer</c>, which
/// runs the whole layer (time-major products over the batch, the gate passes, backpropagation through time, sequence
/// lengths, the carried state) specialised by one shape struct per distinct layer: inputs, units, cell and whether it
/// returns every step. The network holds the layer's <c>RecurrentBuffers</c> and grows them with its own buffers.
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

    private string Buffers => Names.Field("Buffers");
    private string RecurrentOffset => Names.Offset("recurrent");
    private string RecurrentBiasOffset => Names.Offset("recurrentBias");

    // The runtime's name for the cell.
    private string Cell => _recurrent.Cell switch { RecurrentCell.Lstm => "Lstm", RecurrentCell.Gru => "Gru", _ => "SimpleRnn" };

    public override void EmitFields(CodeWriter w) =>
        w.Line($"private readonly global::DslNet.CompilerServices.RecurrentBuffers {Buffers} = new(global::DslNet.CompilerServices.RecurrentCell.{Cell}, {_n}, {_u}, stateful: {(_recurrent.Stateful ? "true" : "false")}); // {Names.Name}: weight copies, time-major steps, gates and states{(_recurrent.Stateful ? ", the carried state" : "")}");

    public override void EmitCapacity(CodeWriter w) => w.Line($"{Buffers}.EnsureCapacity(batch, timeSteps);");

    public override void EmitReset(CodeWriter w)
    {
        if (_recurrent.Stateful) w.Line($"{Buffers}.ResetState(); // {Names.Name}");
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

    // The layer's parameters lie W, U, b (and a GRU's b_h) one after another from W's offset, as RecurrentLayer reads them.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentLayer.Forward<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {input}, {output}, batch, timeSteps, _lengths, {Buffers});");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentLayer.ParameterGradients<{ShapeName(w)}>(_parameters, _gradients, {Names.WeightOffset}, {delta}, batch, timeSteps, _lengths, {Buffers});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.RecurrentLayer.InputGradient<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {target}, batch, timeSteps, {Buffers});");

    private string ShapeName(CodeWriter w)
    {
        string members = $"public static int Inputs => {_n}; public static int Units => {_u}; public static global::DslNet.CompilerServices.RecurrentCell Cell => global::DslNet.CompilerServices.RecurrentCell.{Cell};";
        if (Shape.Output.IsSequence) members += " public static bool ReturnsSequences => true;";
        return w.KernelShapes.NameFor("RecurrentShape", "IRecurrentLayerShape", members, $"{Cell} {_n}→{_u}{(Shape.Output.IsSequence ? ", every step's state" : ", the last state")}");
    }
}

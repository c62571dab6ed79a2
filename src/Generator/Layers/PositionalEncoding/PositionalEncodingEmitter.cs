using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Positional encoding over [batch, time, d], row r = b·T + t, from a table whose row t is added to step t:
///   forward   y[r] = x[r] + PE[t]
///   input     dx = dy
/// Sinusoidal: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i + 1] = cos(t / 10000^(2i/d)), no parameters; the table
/// [time capacity, d] is computed in double precision when the time capacity grows, never in a step.
/// Learned: PE is the parameter slice [MaxLength, d], drawn from N(0, 0.02²) as GPT-2 does; dPE[t] += Σ_b dy[b, t].
/// The time steps are checked against MaxLength where they are set (constructor, TimeSteps), so a step needs no check.
/// The passes are the runtime's PositionalEncodingLayer; a sinusoidal table lives in the layer's PositionalEncodingBuffers.
/// </summary>
internal sealed class PositionalEncodingEmitter : LayerEmitter
{
    private readonly PositionalEncodingSpec _positional;

    public PositionalEncodingEmitter(LayerShape shape) : base(shape) => _positional = (PositionalEncodingSpec)shape.Layer;

    private int Features => Shape.Input.Size;

    private bool Learned => _positional.Learned;

    private string Buffers => Names.Field("Buffers");

    public override string Header => Learned
        ? $"// {Names.Name}: PositionalEncoding learned, {_positional.MaxLength}×{Features}, {Shape.Input}: y[b, t] = x[b, t] + P[t]"
        : $"// {Names.Name}: PositionalEncoding {Shape.Input}: y[b, t] = x[b, t] + PE[t], sin on even features, cos on odd";

    public override LayerDescriptionText Description => new("PositionalEncodingDescription", ArchitectureEmitter.Bool(_positional.Learned), ArchitectureEmitter.Int(_positional.MaxLength));

    public override void EmitTimeStepsCheck(CodeWriter w, string timeSteps, string network)
    {
        if (Learned) w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckMaxLength({timeSteps}, {_positional.MaxLength}, \"{Names.Name}\", {network});");
    }

    public override void EmitFields(CodeWriter w)
    {
        if (!Learned) w.Line($"private readonly global::DslNet.CompilerServices.PositionalEncodingBuffers {Buffers} = new({Features}); // {Names.Name}: the sinusoidal table, [time capacity, {Features}]");
    }

    public override void EmitCapacity(CodeWriter w)
    {
        if (!Learned) w.Line($"{Buffers}.EnsureCapacity(timeSteps);");
    }

    // GPT-2's position table: N(0, 0.02²), small beside the token embedding's ±0.05, so positions start as a hint.
    public override void EmitInitialization(CodeWriter w)
    {
        if (Learned) w.Line($"global::DslNet.CompilerServices.WeightInitializer.Normal(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {_positional.MaxLength * Features}), std: 0.02f, random); // {Names.Name}: N(0, 0.02²)");
    }

    // The passes are the runtime's PositionalEncodingLayer, from the sinusoidal table's buffers or the learned table's offset.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.PositionalEncodingLayer.Forward<{ShapeName(w)}>({(Learned ? "_parameters, " + Names.WeightOffset : Buffers)}, {input}, {output}, batch, timeSteps);");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta)
    {
        if (Learned) w.Line($"global::DslNet.CompilerServices.PositionalEncodingLayer.ParameterGradients<{ShapeName(w)}>(_gradients, {Names.WeightOffset}, {delta}, batch, timeSteps);");
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{delta}.Slice(0, rows * {Features}).CopyTo({target}); // {Names.Name}: dx = dy");

    /// <summary>The struct that gives <c>PositionalEncodingLayer</c> this encoding's width (and a learned table's rows) as constants.</summary>
    private string ShapeName(CodeWriter w) => Learned
        ? w.KernelShapes.NameFor("PositionalEncodingShape", "IPositionalEncodingShape", $"public static int Features => {Features}; public static int MaxLength => {_positional.MaxLength};", $"PositionalEncoding learned, {_positional.MaxLength}×{Features}")
        : w.KernelShapes.NameFor("PositionalEncodingShape", "IPositionalEncodingShape", $"public static int Features => {Features};", $"PositionalEncoding sinusoidal, {Features} features");
}

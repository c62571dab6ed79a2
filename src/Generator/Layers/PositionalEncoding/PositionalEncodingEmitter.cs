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
/// </summary>
internal sealed class PositionalEncodingEmitter : LayerEmitter
{
    private readonly PositionalEncodingSpec _positional;

    public PositionalEncodingEmitter(LayerShape shape) : base(shape) => _positional = (PositionalEncodingSpec)shape.Layer;

    private int Features => Shape.Input.Size;

    private bool Learned => _positional.Learned;

    private string Table => Names.Field("Table");

    public override string Header => Learned
        ? $"// {Names.Name}: PositionalEncoding learned, {_positional.MaxLength}×{Features}, {Shape.Input}: y[b, t] = x[b, t] + P[t]"
        : $"// {Names.Name}: PositionalEncoding {Shape.Input}: y[b, t] = x[b, t] + PE[t], sin on even features, cos on odd";

    public override LayerDescriptionText Description => new("PositionalEncodingDescription", ArchitectureEmitter.Bool(_positional.Learned), ArchitectureEmitter.Int(_positional.MaxLength));

    public override void EmitTimeStepsCheck(CodeWriter w, string timeSteps, string network)
    {
        if (Learned) w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckMaxLength({timeSteps}, {_positional.MaxLength}, \"{Names.Name}\", {network});");
    }

    public override void EmitCapacity(CodeWriter w)
    {
        if (Learned) return;
        int d = Features;
        w.Line($"{Table} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked(timeSteps * {d}));");
        using (w.Block("for (int t = 0; t < timeSteps; t++)"))
        using (w.Block($"for (int j = 0; j < {d}; j++)"))
        {
            w.Line($"double angle = t / global::System.Math.Pow(10000.0, (j & ~1) / (double){d});");
            w.Line($"{Table}[t * {d} + j] = (float)((j & 1) == 0 ? global::System.Math.Sin(angle) : global::System.Math.Cos(angle));");
        }
    }

    // GPT-2's position table: N(0, 0.02²), small beside the token embedding's ±0.05, so positions start as a hint.
    public override void EmitInitialization(CodeWriter w)
    {
        if (Learned) w.Line($"global::DslNet.CompilerServices.WeightInitializer.Normal(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {_positional.MaxLength * Features}), std: 0.02f, random); // {Names.Name}: N(0, 0.02²)");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, batch, timeSteps);");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta)
    {
        if (Learned) w.Line($"{Names.Pascal}ParameterGradients({delta}, batch, timeSteps);");
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{delta}.Slice(0, rows * {Features}).CopyTo({target}); // {Names.Name}: dx = dy");

    public override void EmitMethods(CodeWriter w)
    {
        int d = Features;
        if (!Learned)
        {
            w.Line($"private float[] {Table};");
            w.Line();
        }
        string table = Learned ? $"new global::System.ReadOnlySpan<float>(_parameters, {Names.WeightOffset}, timeSteps * {d})" : $"new global::System.ReadOnlySpan<float>({Table}, 0, timeSteps * {d})";
        w.Line($"/// <summary>{Names.Name} forward: every sample's steps [timeSteps, {d}] plus the first timeSteps rows of the table.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, int timeSteps)"))
        {
            w.Line($"var table = {table};");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line($"TensorPrimitives.Add(input.Slice(b * timeSteps * {d}, timeSteps * {d}), table, output.Slice(b * timeSteps * {d}, timeSteps * {d}));");
            }
        }
        if (!Learned) return;
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dP[t] += Σ_b dy[b, t], every sample's steps [timeSteps, {d}] onto the first timeSteps rows.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}ParameterGradients(global::System.ReadOnlySpan<float> delta, int batch, int timeSteps)"))
        {
            w.Line($"var table = new global::System.Span<float>(_gradients, {Names.WeightOffset}, timeSteps * {d});");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line($"TensorPrimitives.Add(table, delta.Slice(b * timeSteps * {d}, timeSteps * {d}), table);");
            }
        }
    }
}

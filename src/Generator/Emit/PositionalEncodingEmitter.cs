using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>
/// Sinusoidal positional encoding over [batch, time, d], row r = b·T + t:
///   forward   y[r] = x[r] + PE[t], PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i + 1] = cos(t / 10000^(2i/d))
///   input     dx = dy (no parameters)
/// The table [time capacity, d] is computed in double precision when the time capacity grows, never in a step.
/// </summary>
internal sealed class PositionalEncodingEmitter : LayerEmitter
{
    public PositionalEncodingEmitter(LayerShape shape) : base(shape)
    {
    }

    private int Features => Shape.Input.Size;

    private string Table => Names.Field("Table");

    public override string Header => $"// {Names.Name}: PositionalEncoding {Shape.Input}: y[b, t] = x[b, t] + PE[t], sin on even features, cos on odd";

    public override void EmitCapacity(CodeWriter w)
    {
        int d = Features;
        w.Line($"{Table} = new float[checked(timeSteps * {d})];");
        using (w.Block("for (int t = 0; t < timeSteps; t++)"))
        using (w.Block($"for (int j = 0; j < {d}; j++)"))
        {
            w.Line($"double angle = t / global::System.Math.Pow(10000.0, (j & ~1) / (double){d});");
            w.Line($"{Table}[t * {d} + j] = (float)((j & 1) == 0 ? global::System.Math.Sin(angle) : global::System.Math.Cos(angle));");
        }
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, batch, timeSteps);");

    public override void EmitInputGradientCall(CodeWriter w, string delta, string target) =>
        w.Line($"{delta}.Slice(0, rows * {Features}).CopyTo({target}); // {Names.Name}: dx = dy");

    public override void EmitMethods(CodeWriter w)
    {
        int d = Features;
        w.Line($"private float[] {Table} = global::System.Array.Empty<float>();");
        w.Line();
        w.Line($"/// <summary>{Names.Name} forward: every sample's steps [timeSteps, {d}] plus the first timeSteps rows of the table.</summary>");
        using (w.Block($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, int timeSteps)"))
        {
            w.Line($"var table = new global::System.ReadOnlySpan<float>({Table}, 0, timeSteps * {d});");
            using (w.Block("for (int b = 0; b < batch; b++)"))
            {
                w.Line($"TensorPrimitives.Add(input.Slice(b * timeSteps * {d}, timeSteps * {d}), table, output.Slice(b * timeSteps * {d}, timeSteps * {d}));");
            }
        }
    }
}

using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>
/// Layer normalisation over each row of d features (a vector, or one step of a sequence), ε = 1e-5:
///   forward   μ = Σx / d, σ² = Σ(x − μ)² / d, x̂ = (x − μ) / √(σ² + ε), y = γ ⊙ x̂ + β
///   gain/bias dγ += Σ_rows dy ⊙ x̂, dβ += Σ_rows dy
///   input     g = dy ⊙ γ, dx = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε)
/// Forward keeps x̂ and 1/√(σ² + ε) per row for backward. γ and β are both in the layout as bias-kind parameters,
/// so weight decay skips them, as it usually does for normalisation parameters.
/// </summary>
internal sealed class LayerNormEmitter : LayerEmitter
{
    public LayerNormEmitter(LayerShape shape) : base(shape)
    {
    }

    private int Features => Shape.Input.Size;

    public override string Header => $"// {Names.Name}: LayerNorm {Shape.Input}: y = γ ⊙ (x − μ) / √(σ² + 1e-5) + β over the last axis";

    /// <summary>ε under the square root, as PyTorch's default; the description carries it to exporters.</summary>
    public const string Epsilon = "1e-5f";

    public override LayerDescriptionText Description => new("LayerNormDescription", Epsilon);

    public override void EmitCapacity(CodeWriter w)
    {
        w.Line($"{Names.Field("Normalized")} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({Batch} * {Features}));");
        w.Line($"{Names.Field("InverseDeviation")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({Batch});");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("gain")}, {Features}).Fill(1f); // {Names.Name}: γ = 1");
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("bias")}, {Features}).Clear(); // {Names.Name}: β = 0");
    }

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"{Names.Pascal}ParameterGradients({delta}, {Batch});");

    public override void EmitMethods(CodeWriter w)
    {
        int d = Features;
        string normalized = Names.Field("Normalized"), inverse = Names.Field("InverseDeviation");
        w.Line($"private float[] {normalized};");
        w.Line($"private float[] {inverse};");
        w.Line();
        w.Line($"/// <summary>{Names.Name} forward over rows of {d}: keeps x̂ and 1/√(σ² + ε) for backward.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int rows)"))
        {
            w.Line($"var gain = new global::System.ReadOnlySpan<float>(_parameters, {Names.Offset("gain")}, {d});");
            w.Line($"var bias = new global::System.ReadOnlySpan<float>(_parameters, {Names.Offset("bias")}, {d});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"var x = input.Slice(r * {d}, {d});");
                w.Line($"var y = output.Slice(r * {d}, {d});");
                w.Line($"var normal = new global::System.Span<float>({normalized}, r * {d}, {d});");
                w.Line($"float mean = TensorPrimitives.Sum(x) * {Literal(1.0 / d)};");
                w.Line("float variance = 0f;");
                using (w.Block($"for (int j = 0; j < {d}; j++)"))
                {
                    w.Line("float centred = x[j] - mean;");
                    w.Line("normal[j] = centred;");
                    w.Line("variance += centred * centred;");
                }
                w.Line($"float inverse = 1f / global::System.MathF.Sqrt(variance * {Literal(1.0 / d)} + {Epsilon});");
                w.Line($"{inverse}[r] = inverse;");
                w.Line("TensorPrimitives.Multiply(normal, inverse, normal);");
                w.Line("TensorPrimitives.FusedMultiplyAdd(normal, gain, bias, y);");
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dγ += Σ_rows dy ⊙ x̂, dβ += Σ_rows dy.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}ParameterGradients(global::System.ReadOnlySpan<float> delta, int rows)"))
        {
            w.Line($"var gainGradient = new global::System.Span<float>(_gradients, {Names.Offset("gain")}, {d});");
            w.Line($"var biasGradient = new global::System.Span<float>(_gradients, {Names.Offset("bias")}, {d});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"var dy = delta.Slice(r * {d}, {d});");
                w.Line($"TensorPrimitives.FusedMultiplyAdd(dy, new global::System.ReadOnlySpan<float>({normalized}, r * {d}, {d}), gainGradient, gainGradient);");
                w.Line("TensorPrimitives.Add(biasGradient, dy, biasGradient);");
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: g = dy ⊙ γ, dx = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε).</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int rows)"))
        {
            w.Line($"var gain = new global::System.ReadOnlySpan<float>(_parameters, {Names.Offset("gain")}, {d});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"var dy = delta.Slice(r * {d}, {d});");
                w.Line($"var dx = inputGradient.Slice(r * {d}, {d});");
                w.Line($"var normal = new global::System.ReadOnlySpan<float>({normalized}, r * {d}, {d});");
                w.Line("TensorPrimitives.Multiply(dy, gain, dx);");
                w.Line($"float meanGradient = TensorPrimitives.Sum(dx) * {Literal(1.0 / d)};");
                w.Line($"float meanProjection = TensorPrimitives.Dot(dx, normal) * {Literal(1.0 / d)};");
                w.Line($"float inverse = {inverse}[r];");
                using (w.Block($"for (int j = 0; j < {d}; j++)"))
                {
                    w.Line("dx[j] = (dx[j] - meanGradient - normal[j] * meanProjection) * inverse;");
                }
            }
        }
    }

    private static string Literal(double value) => ((float)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";
}

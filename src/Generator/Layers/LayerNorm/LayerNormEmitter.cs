using System.Collections.Generic;
using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a layer normalisation's code over each row of d features (a vector, or one step of a sequence), ε = 1e-5:
/// y = γ ⊙ (x − μ) / √(σ² + ε) + β. The passes are the runtime's LayerNormLayer, specialised by one shape struct per
/// width; the class holds the layer's LayerNormBuffers (x̂ and 1/√(σ² + ε) per row, kept for backward). γ and β are
/// both in the layout as bias-kind parameters, so weight decay skips them, as it usually does for normalisation parameters.
/// </summary>
internal sealed class LayerNormEmitter : LayerEmitter
{
    public LayerNormEmitter(LayerShape shape) : base(shape)
    {
    }

    private int Features => Shape.Input.Size;

    private string Buffers => Names.Field("Buffers");

    public override string Header => $"// {Names.Name}: LayerNorm {Shape.Input}: y = γ ⊙ (x − μ) / √(σ² + 1e-5) + β over the last axis";

    /// <summary>ε under the square root, as PyTorch's default (the runtime's LayerNormLayer.Epsilon); the description carries it to exporters.</summary>
    public const string Epsilon = "1e-5f";

    public override LayerDescriptionText Description => new("LayerNormDescription", Epsilon);

    public override void EmitFields(CodeWriter w) =>
        w.Line($"private readonly global::DslNet.CompilerServices.LayerNormBuffers {Buffers} = new({Features}); // {Names.Name}: x̂ and 1/√(σ² + ε) per row");

    public override void EmitCapacity(CodeWriter w) => w.Line($"{Buffers}.EnsureCapacity({Batch});");

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("gain")}, {Features}).Fill(1f); // {Names.Name}: γ = 1");
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("bias")}, {Features}).Clear(); // {Names.Name}: β = 0");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.LayerNormLayer.Forward<{ShapeName(w)}>(_parameters, {Names.Offset("gain")}, {Names.Offset("bias")}, {input}, {output}, {Batch}, {Buffers});");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.LayerNormLayer.ParameterGradients<{ShapeName(w)}>(_gradients, {Names.Offset("gain")}, {Names.Offset("bias")}, {delta}, {Batch}, {Buffers});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.LayerNormLayer.InputGradient<{ShapeName(w)}>(_parameters, {Names.Offset("gain")}, {delta}, {target}, {Batch}, {Buffers});");

    /// <summary>The struct that gives <c>LayerNormLayer</c> this layer's width as a constant.</summary>
    private string ShapeName(CodeWriter w) =>
        w.KernelShapes.NameFor("LayerNormShape", "ILayerNormShape", $"public static int Features => {Features};", $"LayerNorm over rows of {Features}");
}

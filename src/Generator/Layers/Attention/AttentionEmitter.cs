using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a multi-head self-attention layer's code over [batch, time, d], H heads of e = d / H features:
/// y = softmax(Q·Kᵀ/√e)·V·Wo + bo with [Q K V] = x·W + b, each query seeing the keys of its own sequence up to its
/// length (or up to itself when causal). The passes are the runtime's AttentionLayer, specialised by one shape struct;
/// the class holds the layer's AttentionBuffers (projections, context, their gradients, transposed weights).
/// </summary>
internal sealed class AttentionEmitter : LayerEmitter
{
    private readonly AttentionSpec _attention;
    private readonly int _d, _e, _heads;

    public AttentionEmitter(LayerShape shape) : base(shape)
    {
        _attention = (AttentionSpec)shape.Layer;
        _d = shape.Input.Size;
        _heads = _attention.Heads;
        _e = _d / _heads;
    }

    public override string Header =>
        $"// {Names.Name}: MultiHeadSelfAttention {_heads} heads of {_e}{(_attention.Causal ? ", causal" : "")}, {Shape.Input}: y = softmax(Q·Kᵀ/√{_e})·V·Wo + bo, [Q K V] = x·W + b";

    public override LayerDescriptionText Description => new("MultiHeadSelfAttentionDescription", ArchitectureEmitter.Int(_attention.Heads), ArchitectureEmitter.Bool(_attention.Causal));

    private string Buffers => Names.Field("Buffers");

    private const string Lengths = "new global::System.ReadOnlySpan<int>(_lengths, 0, batch)";

    public override void EmitFields(CodeWriter w) =>
        w.Line($"private readonly global::DslNet.CompilerServices.AttentionBuffers {Buffers} = new({_d}); // {Names.Name}: [Q K V], context, their gradients, Wᵀ and Woᵀ");

    public override void EmitCapacity(CodeWriter w) => w.Line($"{Buffers}.EnsureCapacity(batch, timeSteps);");

    public override void EmitInitialization(CodeWriter w)
    {
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {3 * _d * _d}), fanIn: {_d}, fanOut: {_d}, random); // {Names.Name}: Q, K, V, each Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {Names.BiasOffset}, {3 * _d}).Clear();");
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.GlorotUniform(new global::System.Span<float>(_parameters, {Names.Offset("outputWeight")}, {_d * _d}), fanIn: {_d}, fanOut: {_d}, random); // {Names.Name}: output, Glorot");
        w.Line($"new global::System.Span<float>(_parameters, {Names.Offset("outputBias")}, {_d}).Clear();");
    }

    private string Offsets => $"{Names.WeightOffset}, {Names.BiasOffset}, {Names.Offset("outputWeight")}, {Names.Offset("outputBias")}";

    // The layer's three passes are the runtime's AttentionLayer, specialised by one shape struct per distinct attention shape.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.AttentionLayer.Forward<{ShapeName(w)}>(_parameters, {Offsets}, {input}, {output}, batch, timeSteps, {Lengths}, {Buffers});");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.AttentionLayer.ParameterGradients<{ShapeName(w)}>(_parameters, _gradients, {Offsets}, {input}, {delta}, batch, timeSteps, {Lengths}, {Buffers});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.AttentionLayer.InputGradient<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {target}, rows, {Buffers});");

    /// <summary>The struct that gives <c>AttentionLayer</c> this layer's width, heads and mask as constants.</summary>
    private string ShapeName(CodeWriter w)
    {
        string members = $"public static int Width => {_d}; public static int Heads => {_heads};";
        if (_attention.Causal) members += " public static bool Causal => true;";
        return w.KernelShapes.NameFor("AttentionShape", "IAttentionShape", members, $"MultiHeadSelfAttention over rows of {_d}, {_heads} heads of {_e}{(_attention.Causal ? ", causal" : "")}");
    }
}

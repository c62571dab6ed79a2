using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes an embedding's code: a table E [vocabulary, dimension] over a sequence of token ids (floats holding whole numbers):
///   forward   y[r] = E[id[r]] for every row r = (sample, step)
///   weights   dE[id[r]] += dy[r]
///   input     none: ids are not differentiable, so the input gradient is zero
/// The passes are the runtime's EmbeddingLayer, which checks the ids once per call and then copies rows unchecked.
/// </summary>
internal sealed class EmbeddingEmitter : LayerEmitter
{
    private readonly EmbeddingSpec _embedding;

    public EmbeddingEmitter(LayerShape shape) : base(shape) => _embedding = (EmbeddingSpec)shape.Layer;

    private int Vocabulary => _embedding.Vocabulary;

    private int Dimension => _embedding.Dimension;

    public override string Header => $"// {Names.Name}: Embedding {Vocabulary}×{Dimension}, {Shape.Input}→{Shape.Output}: y = E[id]";

    public override LayerDescriptionText Description => new("EmbeddingDescription", ArchitectureEmitter.Int(_embedding.Vocabulary), ArchitectureEmitter.Int(_embedding.Dimension));

    // Keras' default: small uniform values, so the first layer starts near its linear range.
    public override void EmitInitialization(CodeWriter w) =>
        w.Line($"global::DslNet.CompilerServices.WeightInitializer.Uniform(new global::System.Span<float>(_parameters, {Names.WeightOffset}, {Vocabulary * Dimension}), limit: 0.05f, random); // {Names.Name}: U(±0.05)");

    // Both passes are the runtime's EmbeddingLayer, specialised by one shape struct per distinct table.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.EmbeddingLayer.Forward<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {input}, {output}, rows, \"{Names.Name}\");");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.EmbeddingLayer.ParameterGradients<{ShapeName(w)}>(_gradients, {Names.WeightOffset}, {input}, {delta}, rows, \"{Names.Name}\");");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{target}.Slice(0, rows).Clear(); // {Names.Name}: token ids have no gradient");

    /// <summary>The struct that gives <c>EmbeddingLayer</c> this table's size as constants.</summary>
    private string ShapeName(CodeWriter w) =>
        w.KernelShapes.NameFor("EmbeddingShape", "IEmbeddingShape", $"public static int Vocabulary => {Vocabulary}; public static int Dimension => {Dimension};", $"Embedding {Vocabulary}×{Dimension}: y = E[id]");
}

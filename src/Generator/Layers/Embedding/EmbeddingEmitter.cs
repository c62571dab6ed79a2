using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// An embedding table E [vocabulary, dimension] over a sequence of token ids (floats holding whole numbers):
///   forward   y[r] = E[id[r]] for every row r = (sample, step)
///   weights   dE[id[r]] += dy[r]
///   input     none: ids are not differentiable, so the input gradient is zero
/// Ids are checked once per forward; past that check rows are copied without bounds tests.
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

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, rows);");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"{Names.Pascal}ParameterGradients({input}, {delta}, rows);");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"{target}.Slice(0, rows).Clear(); // {Names.Name}: token ids have no gradient");

    public override void EmitMethods(CodeWriter w)
    {
        int d = Dimension;
        w.Line($"/// <summary>{Names.Name} forward: ids [rows] → vectors [rows, {d}].</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int rows)"))
        {
            w.Line($"global::DslNet.CompilerServices.NetworkArguments.CheckTokenIds(input.Slice(0, rows), {Vocabulary}, \"{Names.Name}\");");
            w.Line($"ref float table = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {Names.WeightOffset});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref table, (int)input[r] * {d}), {d}).CopyTo(output.Slice(r * {d}, {d}));");
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dE[id[r]] += dy[r] for every row.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}ParameterGradients(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<float> delta, int rows)"))
        {
            w.Line($"ref float table = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_gradients), {Names.WeightOffset});");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"var row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref table, (int)input[r] * {d}), {d});");
                w.Line($"TensorPrimitives.Add(row, delta.Slice(r * {d}, {d}), row);");
            }
        }
    }
}

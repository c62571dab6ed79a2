using System.Globalization;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Inverted dropout: in training y = x ⊙ mask, the mask drawn per step (0 with probability rate, else
/// 1 / (1 − rate)) from the layer's own seeded generator; in inference y = x. Backward: dx = dy ⊙ mask.
/// </summary>
internal sealed class DropoutEmitter : LayerEmitter
{
    private readonly DropoutSpec _dropout;

    public DropoutEmitter(LayerShape shape) : base(shape) => _dropout = (DropoutSpec)shape.Layer;

    private string Rate => ((float)_dropout.Rate).ToString("R", CultureInfo.InvariantCulture) + "f";

    public override string Header => $"// {Names.Name}: Dropout {Shape.Input}, rate {Rate}: y = x ⊙ mask in training, y = x in inference";

    public override LayerDescriptionText Description => new("DropoutDescription", _dropout.Rate.ToString("R", global::System.Globalization.CultureInfo.InvariantCulture));

    public override void EmitFields(CodeWriter w) =>
        w.Line($"private global::DslNet.FastRandom {Names.Field("Random")} = new global::DslNet.FastRandom(0);");

    public override void EmitCapacity(CodeWriter w) =>
        w.Line($"{Names.Field("Mask")} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({Batch} * {OutputSize}));");

    public override void EmitInitialization(CodeWriter w) =>
        w.Line($"{Names.Field("Random")} = new global::DslNet.FastRandom(unchecked(seed * 1000003L + {_dropout.Index})); // {Names.Name}: the masks' own stream");

    public override void EmitReplicaSetup(CodeWriter w) =>
        w.Line($"{Names.Field("Random")} = source.{Names.Field("Random")}.Fork(stream); // {Names.Name}: masks of its own, for its own rows");

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, {Batch}, training);");

    public override void EmitMethods(CodeWriter w)
    {
        int n = OutputSize;
        w.Line($"private float[] {Names.Field("Mask")};");
        w.Line();
        w.Line($"/// <summary>{Names.Name} forward: a fresh mask per training step; a copy in inference.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch, bool training)"))
        {
            w.Line($"var x = input.Slice(0, batch * {n});");
            w.Line($"var y = output.Slice(0, batch * {n});");
            using (w.Block("if (!training)"))
            {
                w.Line("x.CopyTo(y);");
                w.Line("return;");
            }
            w.Line($"var mask = new global::System.Span<float>({Names.Field("Mask")}, 0, batch * {n});");
            w.Line($"global::DslNet.CompilerServices.DropoutMask.Fill(mask, {Rate}, {Names.Field("Random")});");
            w.Line("global::DslNet.CompilerServices.DropoutMask.Apply(x, mask, y);");
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: dx = dy ⊙ mask, the mask of the training forward.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
        {
            w.Line($"global::DslNet.CompilerServices.DropoutMask.Apply(delta.Slice(0, batch * {n}), new global::System.ReadOnlySpan<float>({Names.Field("Mask")}, 0, batch * {n}), inputGradient.Slice(0, batch * {n}));");
        }
    }
}

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

    public override void EmitFields(CodeWriter w)
    {
        w.Line($"private global::DslNet.FastRandom {Names.Field("Random")} = new global::DslNet.FastRandom(0);");
        w.Line($"private float[] {Names.Field("Mask")};");
    }

    public override void EmitCapacity(CodeWriter w) =>
        w.Line($"{Names.Field("Mask")} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({Batch} * {OutputSize}));");

    public override void EmitInitialization(CodeWriter w) =>
        w.Line($"{Names.Field("Random")} = new global::DslNet.FastRandom(unchecked(seed * 1000003L + {_dropout.Index})); // {Names.Name}: the masks' own stream");

    public override void EmitReplicaSetup(CodeWriter w) =>
        w.Line($"{Names.Field("Random")} = source.{Names.Field("Random")}.Fork(stream); // {Names.Name}: masks of its own, for its own rows");

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.DropoutLayer.Forward({input}, {output}, {Batch}, {OutputSize}, {Rate}, training, {Names.Field("Random")}, {Names.Field("Mask")}); // {Names.Name}");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.DropoutLayer.InputGradient({delta}, {target}, {Batch}, {OutputSize}, {Names.Field("Mask")}); // {Names.Name}");
}

using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Nearest-neighbour upsampling by f over [channels, height, width] rows: y[c, i, j] = x[c, ⌊i/f⌋, ⌊j/f⌋] forward, and
/// backward dx[c, i, j] = Σ of dy over the f × f block the value was copied to. Both run in the runtime's
/// <c>NearestUpsampling</c> with the literal sizes as arguments: the work is copies and sums over memory.
/// </summary>
internal sealed class Upsample2DEmitter : LayerEmitter
{
    private readonly Upsample2DSpec _upsample;

    public Upsample2DEmitter(LayerShape shape) : base(shape) => _upsample = (Upsample2DSpec)shape.Layer;

    private string Sizes => $"{Batch}, {Shape.Input.Dimensions[0]}, {Shape.Input.Dimensions[1]}, {Shape.Input.Dimensions[2]}, {_upsample.Factor}";

    public override string Header => $"// {Names.Name}: Upsample2D ×{_upsample.Factor} {Shape.Input}→{Shape.Output}: y[c, i, j] = x[c, i / {_upsample.Factor}, j / {_upsample.Factor}]";

    public override LayerDescriptionText Description => new("Upsample2DDescription", ArchitectureEmitter.Int(_upsample.Factor));

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.NearestUpsampling.Forward({input}, {output}, {Sizes}); // {Names.Name}");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.NearestUpsampling.InputGradient({delta}, {target}, {Sizes}); // {Names.Name}");
}

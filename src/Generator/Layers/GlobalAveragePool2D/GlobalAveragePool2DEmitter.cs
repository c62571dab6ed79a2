using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>
/// Global average pooling over [channels, positions] rows: y[c] = Σ_p x[c, p] / P forward, dx[c, p] = dy[c] / P backward.
/// Both run in the runtime's <c>GlobalAveragePooling</c> with the literal sizes as arguments: the work is a pass over
/// memory, with nothing a shape-specialised copy would speed up.
/// </summary>
internal sealed class GlobalAveragePool2DEmitter : LayerEmitter
{
    public GlobalAveragePool2DEmitter(LayerShape shape) : base(shape)
    {
    }

    private int Channels => Shape.Input.Dimensions[0];

    private int Positions => Shape.Input.Dimensions[1] * Shape.Input.Dimensions[2];

    public override string Header => $"// {Names.Name}: GlobalAveragePool2D {Shape.Input}→{Shape.Output}: y[c] = mean of x[c, ·, ·]";

    public override LayerDescriptionText Description => new("GlobalAveragePool2DDescription");

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.GlobalAveragePooling.Forward({input}, {output}, {Batch}, {Channels}, {Positions}); // {Names.Name}");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.GlobalAveragePooling.InputGradient({delta}, {target}, {Batch}, {Channels}, {Positions}); // {Names.Name}");
}

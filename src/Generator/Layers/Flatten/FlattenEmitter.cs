using DslNet.Checks;

namespace DslNet.Generator.Emit;

/// <summary>Flatten is a view: NCHW buffers are already contiguous, so the next layer reads the same buffer.</summary>
internal sealed class FlattenEmitter : LayerEmitter
{
    public FlattenEmitter(LayerShape shape) : base(shape)
    {
    }

    public override string Header => $"// {Names.Name}: Flatten {Shape.Input}→{Shape.Output}, a view of the same buffer";

    public override LayerDescriptionText Description => new("FlattenDescription");

    public override void EmitForwardCall(CodeWriter w, string input, string output)
    {
    }

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target)
    {
    }
}

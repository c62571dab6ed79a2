using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A transposed convolution: calls of the runtime's <c>ConvTranspose2DLayer</c> (its work in <c>TransposedConvolution</c>:
/// columns = xᵀ·W, then added into the output at stride steps; the activation after it), with the sizes as a literal
/// <c>TransposedConvolutionShape</c> and one sample's scratch in two fixed fields.
/// </summary>
internal sealed class ConvTranspose2DEmitter : LayerEmitter
{
    private readonly ConvTranspose2DSpec _conv;

    public ConvTranspose2DEmitter(LayerShape shape) : base(shape) => _conv = (ConvTranspose2DSpec)shape.Layer;

    private int Channels => Shape.Input.Dimensions[0];

    private int Height => Shape.Input.Dimensions[1];

    private int Width => Shape.Input.Dimensions[2];

    private int ColumnsSize => Height * Width * _conv.KernelSize * _conv.KernelSize * _conv.Filters;

    private int PlanesSize => Shape.Output.Dimensions[1] * Shape.Output.Dimensions[2] * _conv.Filters;

    private string Sizes =>
        $"new global::DslNet.CompilerServices.TransposedConvolutionShape({Channels}, {Height}, {Width}, {_conv.Filters}, {_conv.KernelSize}, {_conv.Stride}, {_conv.Padding})";

    public override string Header =>
        $"// {Names.Name}: ConvTranspose2D {_conv.Filters}@{_conv.KernelSize}×{_conv.KernelSize} stride {_conv.Stride} padding {_conv.Padding}, {Shape.Input}→{Shape.Output}, {_conv.Activation}";

    public override LayerDescriptionText Description => new("ConvTranspose2DDescription",
        ArchitectureEmitter.Int(_conv.Filters), ArchitectureEmitter.Int(_conv.KernelSize), ArchitectureEmitter.Int(_conv.Stride),
        ArchitectureEmitter.Int(_conv.Padding), ArchitectureEmitter.Activation(_conv.Activation));

    public override void EmitFields(CodeWriter w)
    {
        w.Line($"private readonly float[] {Names.Field("Columns")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({ColumnsSize}); // one sample's [positions, {_conv.KernelSize}, {_conv.KernelSize}, {_conv.Filters}]");
        w.Line($"private readonly float[] {Names.Field("Planes")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({PlanesSize}); // one sample's output, [positions, {_conv.Filters}]");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        int square = _conv.KernelSize * _conv.KernelSize;
        WeightInitialization.Emit(w, Names, _conv.Activation, Channels * square * _conv.Filters, fanIn: Channels * square, fanOut: _conv.Filters * square, biases: _conv.Filters);
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.ConvTranspose2DLayer.Forward(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {output}, {Batch}, {Sizes}, {ArchitectureEmitter.Activation(_conv.Activation)}, {Names.Field("Columns")}, {Names.Field("Planes")}); // {Names.Name}");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.ConvTranspose2DLayer.ParameterGradients(_gradients, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {delta}, {Batch}, {Sizes}, {Names.Field("Columns")}); // {Names.Name}");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.ConvTranspose2DLayer.InputGradient(_parameters, {Names.WeightOffset}, {delta}, {target}, {Batch}, {Sizes}, {Names.Field("Columns")}); // {Names.Name}");
}

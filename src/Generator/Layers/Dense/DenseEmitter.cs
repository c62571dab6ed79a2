using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Writes a Dense layer's code: forward (bias and ReLU fused into the product, other activations through
/// TensorPrimitives), parameter gradients (dW += xᵀ·dz, db += Σ dz) and the input gradient (dx = dz·Wᵀ); with a
/// BatchNorm folded in (<see cref="BatchNormFold"/>), an inference forward that applies it in the product's store.
/// Shapes: x is [batch, n], W is [n, m], b and the output are [batch, m] rows of m.
/// </summary>
internal sealed class DenseEmitter : LayerEmitter
{
    private readonly DenseSpec _dense;

    public DenseEmitter(LayerShape shape) : base(shape) => _dense = (DenseSpec)shape.Layer;

    /// <summary>The BatchNorm right after this layer, folded into its inference pass (<see cref="BatchNormFold"/>).</summary>
    private BatchNormFold? _fold;

    public override bool FuseWith(LayerEmitter next)
    {
        if (_fold is not null) return false;
        _fold = BatchNormFold.Of(this, next);
        return _fold is not null;
    }

    public override int FusedFollowers => _fold is null ? 0 : 1;

    public override void EmitFusedForwardCall(CodeWriter w, string input, IReadOnlyList<string> outputs) =>
        _fold!.EmitForwardCall(w, input, outputs[0], outputs[1], writer => EmitForwardCall(writer, input, outputs[0]), FoldedForwardCall(w, _fold, input, outputs[1]));

    /// <summary>
    /// The runtime's folded pass: <c>DenseLayer.FoldedForward</c> over a shape struct whose activation is the BatchNorm's,
    /// with the BatchNorm's offsets and ε and the fold's scale-and-shift field.
    /// </summary>
    private string FoldedForwardCall(CodeWriter w, BatchNormFold fold, string input, string output) =>
        $"global::DslNet.CompilerServices.DenseLayer.FoldedForward<{ShapeName(w, fold.Activation, $"{Formula(fold.Activation, "(x·W)", "scale[j] · ", " + shift[j]")}, {fold.Norm.Names.Name} folded in")}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {fold.Norm.FoldOffsets}, {input}, {output}, batch, {fold.Norm.Epsilon}, {fold.Field}{(UsesPanels(InputSize, OutputSize) ? ", " + WeightPanels(Names) : "")})";

    public override string Header => $"// {Names.Name}: Dense {InputSize}→{OutputSize}, {_dense.Activation}: {Formula(_dense)}";

    public override LayerDescriptionText Description => new("DenseDescription", ArchitectureEmitter.Int(_dense.Units), ArchitectureEmitter.Activation(_dense.Activation));

    public override void EmitFields(CodeWriter w)
    {
        int n = InputSize, m = OutputSize;
        _fold?.EmitField(w);
        if (!UsesPanels(n, m))
        {
            w.Line($"private readonly float[] {Names.WeightTransposed} = global::DslNet.CompilerServices.AlignedFloats.Allocate({n * m});");
            return;
        }
        w.Line($"// {Names.Name}: W (forward) or Wᵀ (input gradient) in column panels, and a slice of dz in panels and of xᵀ in rows (weight gradient).");
        w.Line($"private readonly float[] {WeightPanels(Names)} = global::DslNet.CompilerServices.AlignedFloats.Allocate({n * m});");
        w.Line($"private readonly float[] {DeltaPanels(Names)} = global::DslNet.CompilerServices.AlignedFloats.Allocate({MatMulPanels.RunTimeSlice * m});");
        w.Line($"private readonly float[] {InputRows(Names)} = global::DslNet.CompilerServices.AlignedFloats.Allocate({n * MatMulPanels.RunTimeSlice});");
    }

    /// <summary>A layer this large multiplies from panels (<see cref="MatMulPanels"/>): its weights no longer fit an L2 as they are.</summary>
    private static bool UsesPanels(int inputs, int units) => (long)inputs * units * sizeof(float) >= MatMulPanels.MinRightBytes;

    private static string WeightPanels(LayerNames names) => names.Field("WeightPanels");

    private static string DeltaPanels(LayerNames names) => names.Field("DeltaPanels");

    private static string InputRows(LayerNames names) => names.Field("InputRows");

    // The layer's three passes are the runtime's DenseLayer, specialised by one shape struct per distinct layer shape.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.DenseLayer.Forward<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {output}, {Batch}{(UsesPanels(InputSize, OutputSize) ? ", " + WeightPanels(Names) : "")});");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.DenseLayer.ParameterGradients<{ShapeName(w)}>(_gradients, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {delta}, {Batch}{(UsesPanels(InputSize, OutputSize) ? $", {DeltaPanels(Names)}, {InputRows(Names)}" : "")});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.DenseLayer.InputGradient<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {(UsesPanels(InputSize, OutputSize) ? WeightPanels(Names) : Names.WeightTransposed)}, {delta}, {target}, {Batch});");

    /// <summary>The struct that gives <c>DenseLayer</c> this layer's sizes and activation as constants.</summary>
    private string ShapeName(CodeWriter w) => ShapeName(w, _dense.Activation, Formula(_dense));

    /// <summary>The struct of this layer's sizes with <paramref name="activation"/> (a folded pass takes the BatchNorm's).</summary>
    private string ShapeName(CodeWriter w, Activation activation, string formula)
    {
        string members = $"public static int Inputs => {InputSize}; public static int Units => {OutputSize};";
        if (activation != Activation.Linear) members += $" public static global::DslNet.Activation Activation => global::DslNet.Activation.{activation};";
        return w.KernelShapes.NameFor("DenseShape", "IDenseShape", members, $"Dense {InputSize}→{OutputSize}, {activation}: {formula}");
    }

    public override void EmitInitialization(CodeWriter w) => EmitInitialization(w, Shape);

    public static string Formula(DenseSpec dense) => Formula(dense.Activation, "x·W", "", " + b");

    /// <summary><c>y = max(0, x·W + b)</c> and the like: <paramref name="before"/> and <paramref name="after"/> around the product.</summary>
    private static string Formula(Activation activation, string product, string before, string after) => activation switch
    {
        Activation.ReLU => $"y = max(0, {before}{product}{after})",
        Activation.Sigmoid => $"y = sigmoid({before}{product}{after})",
        Activation.Tanh => $"y = tanh({before}{product}{after})",
        Activation.Softmax => $"y = softmax({before}{product}{after})",
        _ => $"y = {before}{product}{after}",
    };

    private static void EmitInitialization(CodeWriter w, LayerShape layer)
    {
        var dense = (DenseSpec)layer.Layer;
        var names = new LayerNames(dense);
        int n = layer.Input.Size, m = layer.Output.Size;
        WeightInitialization.Emit(w, names, dense.Activation, n * m, fanIn: n, fanOut: m, biases: m);
    }
}

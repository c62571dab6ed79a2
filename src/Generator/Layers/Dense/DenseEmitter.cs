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
        _fold!.EmitForwardCall(w, input, outputs[0], outputs[1], writer => EmitForwardCall(writer, input, outputs[0]), $"{Names.Pascal}FoldedForward");

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
    private string ShapeName(CodeWriter w)
    {
        string members = $"public static int Inputs => {InputSize}; public static int Units => {OutputSize};";
        if (_dense.Activation != Activation.Linear) members += $" public static global::DslNet.Activation Activation => global::DslNet.Activation.{_dense.Activation};";
        return w.KernelShapes.NameFor("DenseShape", "IDenseShape", members, $"Dense {InputSize}→{OutputSize}, {_dense.Activation}: {Formula(_dense)}");
    }

    public override void EmitInitialization(CodeWriter w) => EmitInitialization(w, Shape);

    /// <summary>Only a folded BatchNorm's inference pass is written out; the rest is the runtime's DenseLayer.</summary>
    public override bool HasMethods => _fold is not null;

    public override void EmitMethods(CodeWriter w)
    {
        if (_fold is not null) EmitFoldedForward(w, _fold);
    }

    public static string Formula(DenseSpec dense) => dense.Activation switch
    {
        Activation.ReLU => "y = max(0, x·W + b)",
        Activation.Sigmoid => "y = sigmoid(x·W + b)",
        Activation.Tanh => "y = tanh(x·W + b)",
        Activation.Softmax => "y = softmax(x·W + b)",
        _ => "y = x·W + b",
    };

    private static void EmitInitialization(CodeWriter w, LayerShape layer)
    {
        var dense = (DenseSpec)layer.Layer;
        var names = new LayerNames(dense);
        int n = layer.Input.Size, m = layer.Output.Size;
        WeightInitialization.Emit(w, names, dense.Activation, n * m, fanIn: n, fanOut: m, biases: m);
    }

    /// <summary>
    /// output = input · W from <paramref name="bias"/> (the layer's bias, or a folded BatchNorm's scales then shifts at
    /// <paramref name="shiftOffset"/>), W in panels for large layers.
    /// </summary>
    private static void EmitForwardProduct(CodeWriter w, LayerNames names, int n, int m, string bias, bool relu, int shiftOffset)
    {
        w.Line("ref float left = ref MemoryMarshal.GetReference(input);");
        w.Line($"ref float right = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_parameters), {names.WeightOffset});");
        w.Line($"ref float bias = {bias};");
        w.Line("ref float result = ref MemoryMarshal.GetReference(output);");
        MatMulEmitter.Emit(w, new MatMul(
            Rows: "batch", LiteralRows: null, Reduction: n.ToString(), Columns: m,
            LeftRowStride: n, LeftReductionStride: 1, RightReductionStride: m, ResultRowStride: m,
            MatMulStart.Bias,
            FusedReLU: relu,
            Panels: UsesPanels(n, m) ? new MatMulPanels(WeightPanels(names), null, MatMulPanels.SliceFor(n.ToString()), MatMulPanels.MinRunTimeRows) : null,
            ShiftOffset: shiftOffset));
    }

    /// <summary>This layer and the BatchNorm after it at inference: the product's sums scaled and shifted per unit, then the BatchNorm's activation.</summary>
    private void EmitFoldedForward(CodeWriter w, BatchNormFold fold)
    {
        int n = InputSize, m = OutputSize;
        w.Line($"/// <summary>{Names.Name} and {fold.Norm.Names.Name} at inference: output[i, j] = {fold.Formula("(x·W)[i, j]", "j")} for input [batch, {n}], W [{n}, {m}], scale and shift from {fold.Norm.Names.Name} and b.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}FoldedForward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch)"))
        {
            fold.EmitCompute(w);
            EmitForwardProduct(w, Names, n, m, fold.Reference, fold.Activation == Activation.ReLU, shiftOffset: m);
            ActivationForwardText.Emit(w, fold.Activation, $"output.Slice(0, batch * {m})", m, reluFused: true);
        }
    }
}

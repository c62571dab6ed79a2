using System.Collections.Generic;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// A 2-D convolution as im2col and matrix products, per sample, all sizes literal. With R = C·K·K rows of
/// the unrolled input (columns [R, P], P = output positions) and weights stored [C, K, K, F] (= [R, F]):
///   forward   y[f, p]  = act(b[f] + Σ_r W[r, f] · columns[r, p])      vectorised over p
///   weights   dW[r, f] += Σ_p columns[r, p] · δ[f, p]                vectorised over f (δ copied transposed)
///   input     dcolumns[r, p] = Σ_f W[r, f] · δ[f, p], then col2im     vectorised over p
/// Small columns (<see cref="KeepsColumns"/>) of every sample are kept from the training forward for the weight gradient;
/// large ones are one sample's at a time, the weight gradient unrolling its sample's input again (a batch of them would
/// be tens of megabytes for a 16-channel 28×28 layer). At inference a BatchNorm after the layer may be folded into its
/// pass (<see cref="BatchNormFold"/>), and a 2×2 max pooling after it (or after that BatchNorm) fused (<see cref="FusedPool"/>).
/// </summary>
internal sealed class Conv2DEmitter : LayerEmitter
{
    private readonly Conv2DSpec _conv;
    private readonly int _channels, _height, _width, _filters, _kernel, _stride, _outHeight, _outWidth, _padTop, _padLeft;

    public Conv2DEmitter(LayerShape shape) : base(shape)
    {
        _conv = (Conv2DSpec)shape.Layer;
        (_channels, _height, _width) = (shape.Input.Dimensions[0], shape.Input.Dimensions[1], shape.Input.Dimensions[2]);
        (_filters, _outHeight, _outWidth) = (shape.Output.Dimensions[0], shape.Output.Dimensions[1], shape.Output.Dimensions[2]);
        (_kernel, _stride) = (_conv.KernelSize, _conv.Stride);
        // Same padding puts the odd extra row/column at the bottom/right, as Keras and TensorFlow do; PyTorch's integer
        // padding puts its zeros on every side (those past the last window at the bottom/right are never read).
        _padTop = _conv.Padding == Padding.Same ? System.Math.Max((_outHeight - 1) * _stride + _kernel - _height, 0) / 2 : _conv.Pad;
        _padLeft = _conv.Padding == Padding.Same ? System.Math.Max((_outWidth - 1) * _stride + _kernel - _width, 0) / 2 : _conv.Pad;
    }

    private int Rows => _channels * _kernel * _kernel;

    /// <summary>
    /// Whether training keeps every sample's columns for the weight gradient (up to 64 KB of them per sample), or
    /// unrolls each sample's input again there. Unrolling again cost the ResNet sample's step (whose 28×28 layers hold
    /// 441 KB per sample) about 3 % and halved its process's memory; W2's layers, at 24 and 35 KB, keep theirs.
    /// </summary>
    private bool KeepsColumns => Rows * Positions <= 16 * 1024;

    /// <summary>
    /// Whether this layer's <c>Forward</c> runs the direct convolution (<see cref="DirectConv2DEmitter"/>) at inference
    /// instead of im2col and the matrix-product kernel: for stride 1 without padding and output rows of at least eight,
    /// whatever the batch, unless the pooling after it fuses (<see cref="FusedPool"/>) or a BatchNorm is folded in (the
    /// folded pass then takes the direct kernel, and <c>Forward</c> runs only in training).
    /// On both of W2's shapes the direct kernel was faster than im2col at batch 1 and at batch 64, even where its
    /// overlapping last vector of an 11-wide row computes 16 columns for 11: the im2col copy costs more than that
    /// (figures in docs/cnn.md, "Measured speed"). Training keeps im2col and the product kernel; the direct kernel has
    /// not been measured against them there.
    /// </summary>
    private bool Direct => DirectFits && FusedPool is null && _fold is null;

    /// <summary>Whether the direct kernel can run this layer's shape (the folded inference pass takes it whenever it can).</summary>
    private bool DirectFits => IsPlainStrideOne && DirectConv2DEmitter.Fits(_outWidth);

    /// <summary>The BatchNorm right after this layer, folded into its inference pass (<see cref="BatchNormFold"/>).</summary>
    private BatchNormFold? _fold;

    /// <summary>The activation of the inference pass's output: the folded BatchNorm's, else this layer's.</summary>
    private Activation PassActivation => _fold?.Activation ?? _conv.Activation;

    /// <summary>
    /// The 2×2 max pooling right after this layer (or after its folded BatchNorm), when inference runs both as one pass
    /// (the runtime's <c>Conv2DLayer.PooledForward</c> or, with a folded BatchNorm, <c>FoldedPooledForward</c>): stride 1 without padding, at least eight filters, ReLU or no
    /// activation (both commute with the maximum; a folded BatchNorm's scale and shift apply before it). The one
    /// pass never writes the convolution's output, which made W4 and W2's convolutions and poolings faster at batch 1
    /// and 64 (figures in docs/cnn.md, "Measured speed"). Training keeps the separate layers: backward reads the
    /// convolution's output and the arg-max.
    /// </summary>
    public Pool2DEmitter? FusedPool { get; private set; }

    /// <summary>Takes <paramref name="next"/> into this layer's inference when it is a BatchNorm to fold, or a pooling the fused pass can do.</summary>
    public override bool FuseWith(LayerEmitter next)
    {
        if (FusedPool is not null) return false;
        if (_fold is null && BatchNormFold.Of(this, next) is { } fold)
        {
            _fold = fold;
            return true;
        }
        if (next is Pool2DEmitter { IsMaxTwoByTwo: true } pool && IsPlainStrideOne && DirectConv2DEmitter.FitsPooled(_filters)
            && PassActivation is Activation.ReLU or Activation.Linear)
        {
            FusedPool = pool;
            return true;
        }
        return false;
    }

    private int Positions => _outHeight * _outWidth;

    public override string Header =>
        $"// {Names.Name}: Conv2D {_filters}@{_kernel}×{_kernel} stride {_stride} {(_conv.PaddingSize is int pad ? $"padding {pad}" : _conv.Padding.ToString())}, {Shape.Input}→{Shape.Output}, {_conv.Activation}";

    public override LayerDescriptionText Description => _conv.PaddingSize is int pad
        ? new("Conv2DDescription", ArchitectureEmitter.Int(_conv.Filters), ArchitectureEmitter.Int(_conv.KernelSize), ArchitectureEmitter.Int(_conv.Stride), "global::DslNet.Padding.Valid", ArchitectureEmitter.Activation(_conv.Activation), ArchitectureEmitter.Int(pad))
        : new("Conv2DDescription", ArchitectureEmitter.Int(_conv.Filters), ArchitectureEmitter.Int(_conv.KernelSize), ArchitectureEmitter.Int(_conv.Stride), "global::DslNet.Padding." + _conv.Padding, ArchitectureEmitter.Activation(_conv.Activation));

    public override void EmitFields(CodeWriter w)
    {
        _fold?.EmitField(w);
        if (KeepsColumns) w.Line($"private float[] {Names.Field("Columns")}; // every sample's unrolled input, [capacity, {Rows}, {Positions}]");
        if (!KeepsColumns) w.Line($"private readonly float[] {Names.Field("Columns")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({Rows * Positions}); // columns of one sample, [{Rows}, {Positions}]");
        w.Line($"private readonly float[] {Names.Field("ColumnGradient")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({Rows * Positions}); // dcolumns of one sample, [{Rows}, {Positions}]");
        w.Line($"private readonly float[] {Names.Field("DeltaTransposed")} = global::DslNet.CompilerServices.AlignedFloats.Allocate({Positions * _filters}); // δ of one sample transposed for the weight gradient, [{Positions}, {_filters}]");
    }

    public override void EmitCapacity(CodeWriter w)
    {
        if (KeepsColumns) w.Line($"{Names.Field("Columns")} = global::DslNet.CompilerServices.AlignedFloats.Allocate(checked({Batch} * {Rows * Positions}));");
    }

    public override void EmitInitialization(CodeWriter w)
    {
        WeightInitialization.Emit(w, Names, _conv.Activation, Rows * _filters, fanIn: Rows, fanOut: _filters * _kernel * _kernel, biases: _filters);
    }

    // The layer's passes are the runtime's Conv2DLayer, specialised by one shape struct per distinct layer shape.
    // A direct convolution runs at inference only: training keeps im2col's columns for the weight gradient.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"global::DslNet.CompilerServices.Conv2DLayer.Forward<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {output}, {Batch}, {Names.Field("Columns")}, direct: {(Direct ? "!training" : "false")});");

    public override void EmitParameterGradientsCall(CodeWriter w, string input, string delta) =>
        w.Line($"global::DslNet.CompilerServices.Conv2DLayer.ParameterGradients<{ShapeName(w)}>(_gradients, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {delta}, {Batch}, {Names.Field("Columns")}, {Names.Field("DeltaTransposed")});");

    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line($"global::DslNet.CompilerServices.Conv2DLayer.InputGradient<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {delta}, {target}, {Batch}, {Names.Field("ColumnGradient")});");

    /// <summary>The struct that gives <c>Conv2DLayer</c> this layer's sizes and activation as constants (stride 1 and no padding left at the interface's defaults).</summary>
    private string ShapeName(CodeWriter w) => ShapeName(w, _conv.Activation, null);

    /// <summary>The struct of this layer's sizes with <paramref name="activation"/> (a folded pass takes the BatchNorm's), <paramref name="note"/> added to its comment.</summary>
    private string ShapeName(CodeWriter w, Activation activation, string? note)
    {
        string Literal(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var members = new List<string>
        {
            $"public static int Channels => {Literal(_channels)};", $"public static int Height => {Literal(_height)};", $"public static int Width => {Literal(_width)};",
            $"public static int Filters => {Literal(_filters)};", $"public static int KernelSize => {Literal(_kernel)};",
        };
        if (_stride != 1) members.Add($"public static int Stride => {Literal(_stride)};");
        if (_padTop != 0) members.Add($"public static int PadTop => {Literal(_padTop)};");
        if (_padLeft != 0) members.Add($"public static int PadLeft => {Literal(_padLeft)};");
        members.Add($"public static int OutputHeight => {Literal(_outHeight)};");
        members.Add($"public static int OutputWidth => {Literal(_outWidth)};");
        if (activation != Activation.Linear) members.Add($"public static global::DslNet.Activation Activation => global::DslNet.Activation.{activation};");
        return w.KernelShapes.NameFor("Conv2DShape", "IConv2DShape", string.Join(" ", members), $"Conv2D {_filters}@{_kernel}×{_kernel} stride {_stride}, {Shape.Input}→{Shape.Output}, {activation}{(note is null ? "" : ", " + note)}");
    }

    public override int FusedFollowers => (_fold is null ? 0 : 1) + (FusedPool is null ? 0 : 1);

    /// <summary>
    /// With <see cref="FusedPool"/>: inference goes from <paramref name="input"/> straight to the pooling's output (the
    /// last of <paramref name="outputs"/>); training (and a machine without Vector256) writes this layer's output and
    /// pools it. With a folded BatchNorm, inference writes the BatchNorm's output (and pools it) without this layer's,
    /// and training runs the BatchNorm between the two.
    /// </summary>
    public override void EmitFusedForwardCall(CodeWriter w, string input, IReadOnlyList<string> outputs)
    {
        string output = outputs[0];
        if (_fold is not null && FusedPool is null)
        {
            _fold.EmitForwardCall(w, input, output, outputs[1], writer => EmitForwardCall(writer, input, output), FoldedForwardCall(w, _fold, input, outputs[1], "batch"));
            return;
        }
        string pooled = outputs[outputs.Count - 1];
        w.Line(_fold is null
            ? $"if (!training && Vector256.IsHardwareAccelerated) global::DslNet.CompilerServices.Conv2DLayer.PooledForward<{ShapeName(w)}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {input}, {pooled}, {Batch});"
            : $"if (!training && Vector256.IsHardwareAccelerated) global::DslNet.CompilerServices.Conv2DLayer.FoldedPooledForward<{FoldedShapeName(w, _fold)}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {_fold.Norm.FoldOffsets}, {input}, {pooled}, {Batch}, {_fold.Norm.Epsilon}, {_fold.Field});");
        if (_fold is null)
        {
            using (w.Block("else"))
            {
                EmitForwardCall(w, input, output);
                FusedPool!.EmitForwardCall(w, output, pooled);
            }
            return;
        }
        string normalized = outputs[1];
        using (w.Block("else if (!training)"))
        {
            w.Line($"{FoldedForwardCall(w, _fold, input, normalized, Batch)}; // {Names.Name} and {_fold.Norm.Names.Name} in one pass");
            FusedPool!.EmitForwardCall(w, normalized, pooled);
        }
        using (w.Block("else"))
        {
            EmitForwardCall(w, input, output);
            _fold.Norm.EmitTrainingForwardCall(w, output, normalized);
            FusedPool!.EmitForwardCall(w, normalized, pooled);
        }
    }

    /// <summary>
    /// The runtime's folded pass: <c>Conv2DLayer.FoldedForward</c> over a shape struct whose activation is the BatchNorm's,
    /// with the BatchNorm's offsets and ε, the fold's scale-and-shift field and the layer's columns.
    /// </summary>
    private string FoldedForwardCall(CodeWriter w, BatchNormFold fold, string input, string output, string batch) =>
        $"global::DslNet.CompilerServices.Conv2DLayer.FoldedForward<{FoldedShapeName(w, fold)}>(_parameters, {Names.WeightOffset}, {Names.BiasOffset}, {fold.Norm.FoldOffsets}, {input}, {output}, {batch}, {fold.Norm.Epsilon}, {fold.Field}, {Names.Field("Columns")})";

    /// <summary>The struct of this layer's sizes with the folded BatchNorm's activation, for the folded passes.</summary>
    private string FoldedShapeName(CodeWriter w, BatchNormFold fold) => ShapeName(w, fold.Activation, $"{fold.Norm.Names.Name} folded in");

    /// <summary>Stride 1 without padding: every row of the columns is one whole run of an image row.</summary>
    private bool IsPlainStrideOne => _stride == 1 && _padLeft == 0 && _padTop == 0 && _width == _outWidth + _kernel - 1 && _height == _outHeight + _kernel - 1;
}

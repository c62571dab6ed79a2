using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Max or average pooling per channel, as calls of the runtime's <c>DslNet.CompilerServices.Pooling</c> kernels with a
/// struct of the layer's sizes. Max pooling remembers the arg-max of each window for backward, which routes each
/// gradient to that one input.
/// </summary>
internal sealed class Pool2DEmitter : LayerEmitter
{
    private readonly Pool2DSpec _pool;

    public Pool2DEmitter(LayerShape shape) : base(shape) => _pool = (Pool2DSpec)shape.Layer;

    private bool IsMax => _pool.Pooling == Pooling.Max;

    public override bool PassesOneInput => IsMax;

    public override string Header =>
        $"// {Names.Name}: {_pool.Kind} {_pool.PoolSize}×{_pool.PoolSize} stride {_pool.Stride}, {Shape.Input}→{Shape.Output}: y = {(IsMax ? "max" : "mean")} of each window";

    public override LayerDescriptionText Description => new(_pool.Pooling == Pooling.Max ? "MaxPool2DDescription" : "AvgPool2DDescription", ArchitectureEmitter.Int(_pool.PoolSize), ArchitectureEmitter.Int(_pool.Stride));

    public override void EmitCapacity(CodeWriter w)
    {
        if (IsMax) w.Line($"{Names.Field("ArgMax")} = new int[checked({Batch} * {OutputSize})];");
    }

    /// <summary>2×2 max pooling with stride 2, which a convolution before it can run at inference (<see cref="Conv2DEmitter.FuseWith"/>).</summary>
    public bool IsMaxTwoByTwo => IsMax && _pool.PoolSize == 2 && _pool.Stride == 2;

    // 2×2 max pooling of rows at least four outputs wide runs on vectors (where Vector256 is accelerated), and at
    // inference without the arg-max: its forward is told whether it trains.
    private bool Vectorised => IsMaxTwoByTwo && Shape.Output.Dimensions[2] >= 4;

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, {Batch}{(Vectorised ? ", training" : "")});");

    public override void EmitMethods(CodeWriter w)
    {
        int channels = Shape.Input.Dimensions[0], height = Shape.Input.Dimensions[1], width = Shape.Input.Dimensions[2];
        string shape = PoolingShape(w);
        if (IsMax)
        {
            w.Line($"// Flat index into the batch input of each window's maximum, [capacity, {OutputSize}].");
            w.Line($"private int[] {Names.Field("ArgMax")};");
            w.Line();
        }
        bool vectorised = Vectorised;
        w.Line($"/// <summary>{Names.Name} forward over input [batch, {channels}, {height}, {width}]{(vectorised ? "; the arg-max only in training, where backward needs it" : "")}.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch{(vectorised ? ", bool training" : "")})"))
        {
            w.Line(IsMax
                ? $"global::DslNet.CompilerServices.Pooling.MaxForward<{shape}>(input, output, {Names.Field("ArgMax")}, batch, {(vectorised ? "training" : "true")});"
                : $"global::DslNet.CompilerServices.Pooling.AverageForward<{shape}>(input, output, batch);");
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: {(IsMax ? "each dy goes to its window's arg-max" : "each dy is shared equally by its window")}; other inputs get 0.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
        {
            w.Line(IsMax
                ? $"global::DslNet.CompilerServices.Pooling.MaxBackward<{shape}>(delta, inputGradient, {Names.Field("ArgMax")}, batch);"
                : $"global::DslNet.CompilerServices.Pooling.AverageBackward<{shape}>(delta, inputGradient, batch);");
        }
    }

    /// <summary>The struct that gives the runtime's pooling kernels this layer's sizes as constants.</summary>
    private string PoolingShape(CodeWriter w)
    {
        var dimensions = new[]
        {
            ("Channels", Shape.Input.Dimensions[0]), ("Height", Shape.Input.Dimensions[1]), ("Width", Shape.Input.Dimensions[2]),
            ("OutputHeight", Shape.Output.Dimensions[1]), ("OutputWidth", Shape.Output.Dimensions[2]), ("Size", _pool.PoolSize), ("Stride", _pool.Stride),
        };
        string members = string.Join(" ", System.Linq.Enumerable.Select(dimensions, d => $"public static int {d.Item1} => {d.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)};"));
        string summary = $"{_pool.PoolSize}×{_pool.PoolSize} windows every {_pool.Stride}, [{Shape.Input.Dimensions[0]}, {Shape.Input.Dimensions[1]}, {Shape.Input.Dimensions[2]}] → [{Shape.Output.Dimensions[0]}, {Shape.Output.Dimensions[1]}, {Shape.Output.Dimensions[2]}]";
        return w.KernelShapes.NameFor("PoolingShape", "IPoolingShape", members, summary);
    }
}

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

    // The calls go straight to the runtime's Pooling kernels: the layer writes no methods of its own.
    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line(IsMax
            ? $"global::DslNet.CompilerServices.Pooling.MaxForward<{PoolingShape(w)}>({input}, {output}, {Names.Field("ArgMax")}, {Batch}, {(Vectorised ? "training" : "true")});"
            : $"global::DslNet.CompilerServices.Pooling.AverageForward<{PoolingShape(w)}>({input}, {output}, {Batch});");

    // Max: each dy goes to its window's arg-max; average: each dy is shared equally by its window. Other inputs get 0.
    public override void EmitInputGradientCall(CodeWriter w, string input, string delta, string target) =>
        w.Line(IsMax
            ? $"global::DslNet.CompilerServices.Pooling.MaxBackward<{PoolingShape(w)}>({delta}, {target}, {Names.Field("ArgMax")}, {Batch});"
            : $"global::DslNet.CompilerServices.Pooling.AverageBackward<{PoolingShape(w)}>({delta}, {target}, {Batch});");

    public override void EmitFields(CodeWriter w)
    {
        if (IsMax) w.Line($"private int[] {Names.Field("ArgMax")}; // flat index into the batch input of each window's maximum, [capacity, {OutputSize}]");
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

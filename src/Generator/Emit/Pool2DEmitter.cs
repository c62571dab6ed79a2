using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>
/// Max or average pooling per channel, windows unrolled (sizes are literals). Max pooling remembers the
/// arg-max of each window for backward, which routes each gradient to that one input.
/// </summary>
internal sealed class Pool2DEmitter : LayerEmitter
{
    private readonly Pool2DSpec _pool;

    public Pool2DEmitter(LayerShape shape) : base(shape) => _pool = (Pool2DSpec)shape.Layer;

    private bool IsMax => _pool.Pooling == Pooling.Max;

    public override string Header =>
        $"// {Names.Name}: {_pool.Kind} {_pool.PoolSize}×{_pool.PoolSize} stride {_pool.Stride}, {Shape.Input}→{Shape.Output}: y = {(IsMax ? "max" : "mean")} of each window";

    public override void EmitCapacity(CodeWriter w)
    {
        if (IsMax) w.Line($"{Names.Field("ArgMax")} = new int[checked({Batch} * {OutputSize})];");
    }

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, {Batch});");

    public override void EmitInputGradientCall(CodeWriter w, string delta, string target) =>
        w.Line($"{Names.Pascal}InputGradient({delta}, {target}, {Batch});");

    public override void EmitMethods(CodeWriter w)
    {
        int channels = Shape.Input.Dimensions[0], height = Shape.Input.Dimensions[1], width = Shape.Input.Dimensions[2];
        int outHeight = Shape.Output.Dimensions[1], outWidth = Shape.Output.Dimensions[2];
        int size = _pool.PoolSize, stride = _pool.Stride;
        if (IsMax)
        {
            w.Line($"// Flat index into the batch input of each window's maximum, [capacity, {OutputSize}].");
            w.Line($"private int[] {Names.Field("ArgMax")} = global::System.Array.Empty<int>();");
            w.Line();
        }
        w.Line($"/// <summary>{Names.Name} forward over input [batch, {channels}, {height}, {width}].</summary>");
        using (w.Block($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch)"))
        {
            if (IsMax) w.Line($"var argMax = {Names.Field("ArgMax")};");
            using (w.Block($"for (int plane = 0; plane < batch * {channels}; plane++)"))
            {
                w.Line($"int inputPlane = plane * {height * width}, outputPlane = plane * {outHeight * outWidth};");
                using (w.Block($"for (int oy = 0; oy < {outHeight}; oy++)"))
                using (w.Block($"for (int ox = 0; ox < {outWidth}; ox++)"))
                {
                    w.Line($"int corner = inputPlane + oy * {stride * width} + ox * {stride};");
                    if (IsMax)
                    {
                        // Branch-free: on real activations a branch per tap mispredicts half the time, and the JIT
                        // keeps float comparisons as branches, so the comparison is a vector mask (-1 or 0) instead.
                        w.Line("int best = corner;");
                        w.Line("float max = input[corner];");
                        for (int ky = 0; ky < size; ky++)
                        {
                            for (int kx = 0; kx < size; kx++)
                            {
                                if (ky == 0 && kx == 0) continue;
                                string at = IndexText.Add("corner", (ky * width + kx).ToString());
                                string v = $"v{ky}{kx}", take = $"take{ky}{kx}";
                                w.Line($"float {v} = input[{at}];");
                                w.Line($"int {take} = Vector128.ToScalar(Vector128.AsInt32(Vector128.GreaterThan(Vector128.CreateScalarUnsafe({v}), Vector128.CreateScalarUnsafe(max))));");
                                w.Line($"best += ({at} - best) & {take};");
                                w.Line($"max = global::System.BitConverter.Int32BitsToSingle((global::System.BitConverter.SingleToInt32Bits({v}) & {take}) | (global::System.BitConverter.SingleToInt32Bits(max) & ~{take}));");
                            }
                        }
                        w.Line($"output[outputPlane + oy * {outWidth} + ox] = max;");
                        w.Line($"argMax[outputPlane + oy * {outWidth} + ox] = best;");
                    }
                    else
                    {
                        w.Line("float sum = 0f;");
                        for (int ky = 0; ky < size; ky++)
                        {
                            for (int kx = 0; kx < size; kx++) w.Line($"sum += input[{IndexText.Add("corner", (ky * width + kx).ToString())}];");
                        }
                        w.Line($"output[outputPlane + oy * {outWidth} + ox] = sum * {Literal(1f / (size * size))};");
                    }
                }
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: {(IsMax ? "each dy goes to its window's arg-max" : "each dy is shared equally by its window")}; other inputs get 0.</summary>");
        using (w.Block($"private void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
        {
            w.Line($"var dx = inputGradient.Slice(0, batch * {InputSize});");
            w.Line("dx.Clear();");
            if (IsMax)
            {
                w.Line($"var argMax = {Names.Field("ArgMax")};");
                using (w.Block($"for (int i = 0; i < batch * {OutputSize}; i++)")) w.Line("dx[argMax[i]] += delta[i];");
            }
            else
            {
                using (w.Block($"for (int plane = 0; plane < batch * {channels}; plane++)"))
                {
                    w.Line($"int inputPlane = plane * {height * width}, outputPlane = plane * {outHeight * outWidth};");
                    using (w.Block($"for (int oy = 0; oy < {outHeight}; oy++)"))
                    using (w.Block($"for (int ox = 0; ox < {outWidth}; ox++)"))
                    {
                        w.Line($"int corner = inputPlane + oy * {stride * width} + ox * {stride};");
                        w.Line($"float share = delta[outputPlane + oy * {outWidth} + ox] * {Literal(1f / (size * size))};");
                        for (int ky = 0; ky < size; ky++)
                        {
                            for (int kx = 0; kx < size; kx++) w.Line($"dx[{IndexText.Add("corner", (ky * width + kx).ToString())}] += share;");
                        }
                    }
                }
            }
        }
    }

    private static string Literal(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";
}

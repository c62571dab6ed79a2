using System.Collections.Generic;
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

    // 2×2 max pooling of rows at least four outputs wide runs on vectors, and at inference without the arg-max.
    private bool Vectorised => IsMaxTwoByTwo && Shape.Output.Dimensions[2] >= 4;

    public override void EmitForwardCall(CodeWriter w, string input, string output) =>
        w.Line($"{Names.Pascal}Forward({input}, {output}, {Batch}{(Vectorised ? ", training" : "")});");

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
        bool vectorised = Vectorised;
        w.Line($"/// <summary>{Names.Name} forward over input [batch, {channels}, {height}, {width}]{(vectorised ? "; the arg-max only in training, where backward needs it" : "")}.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}Forward(global::System.ReadOnlySpan<float> input, global::System.Span<float> output, int batch{(vectorised ? ", bool training" : "")})"))
        {
            if (IsMax) w.Line($"var argMax = {Names.Field("ArgMax")};");
            if (vectorised)
            {
                // Once per call, not per row: the shuffle and lane constants and the three refs.
                w.Line("var pairs = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);");
                w.Line("var evenLanes = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);");
                w.Line("var oddLanes = evenLanes + Vector256.Create(1);");
                w.Line($"ref float source = ref MemoryMarshal.GetReference(input.Slice(0, batch * {InputSize}));");
                w.Line($"ref float target = ref MemoryMarshal.GetReference(output.Slice(0, batch * {OutputSize}));");
                w.Line($"ref int targetIndex = ref MemoryMarshal.GetReference(new global::System.Span<int>(argMax, 0, batch * {OutputSize}));");
            }
            using (w.Block($"for (int plane = 0; plane < batch * {channels}; plane++)"))
            {
                w.Line($"int inputPlane = plane * {height * width}, outputPlane = plane * {outHeight * outWidth};");
                using (w.Block($"for (int oy = 0; oy < {outHeight}; oy++)"))
                {
                    if (vectorised) EmitMaxPool2x2Vectors(w, width, outWidth);
                    using (vectorised ? w.Block("else") : null)
                    using (w.Block($"for (int ox = 0; ox < {outWidth}; ox++)"))
                    {
                        EmitWindow(w, width, outWidth, size, stride);
                    }
                }
            }
        }
        w.Line();
        w.Line($"/// <summary>{Names.Name}: {(IsMax ? "each dy goes to its window's arg-max" : "each dy is shared equally by its window")}; other inputs get 0.</summary>");
        using (w.LayerMethod($"private void {Names.Pascal}InputGradient(global::System.ReadOnlySpan<float> delta, global::System.Span<float> inputGradient, int batch)"))
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
        if (vectorised)
        {
            w.Line();
            EmitRowPairsHelpers(w, Groups(outWidth).Exists(g => g.Lanes == 4));
        }
    }

    /// <summary>One window at (oy, ox) the plain way: any size and stride, max or mean.</summary>
    private void EmitWindow(CodeWriter w, int width, int outWidth, int size, int stride)
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

    /// <summary>
    /// 2×2 windows with stride 2, eight or four outputs of a row at a time: each input row's pairs are split into even
    /// and odd lanes, the odd one wins where strictly greater, then the lower row where strictly greater, so the arg-max
    /// is the first maximum in scan order, as in the scalar loop. Rows whose width is not a multiple of eight end with
    /// a group that overlaps the one before it (it recomputes the same values); see <see cref="Groups"/>.
    /// </summary>
    private void EmitMaxPool2x2Vectors(CodeWriter w, int width, int outWidth)
    {
        // Inference keeps no arg-max: the same comparisons in the same order give the same maxima, at about half the work.
        using (w.Block("if (!training && Vector256.IsHardwareAccelerated)")) EmitGroups(w, width, outWidth, withIndex: false);
        using (w.Block("else if (Vector256.IsHardwareAccelerated)")) EmitGroups(w, width, outWidth, withIndex: true);
    }

    private void EmitGroups(CodeWriter w, int width, int outWidth, bool withIndex)
    {
        var groups = Groups(outWidth);
        int loop = 0;
        while (loop < groups.Count && groups[loop] == (loop * 8, 8)) loop++;
        if (loop > 1)
        {
            // Whole groups of eight in a loop, so a wide row does not unroll into pages of code.
            using (w.Block($"for (int ox = 0; ox < {loop * 8}; ox += 8)")) EmitGroup(w, width, outWidth, "ox", 8, withIndex);
        }
        else loop = 0;
        for (int g = loop; g < groups.Count; g++)
        {
            using (w.Block("")) EmitGroup(w, width, outWidth, groups[g].Start.ToString(), groups[g].Lanes, withIndex);
        }
    }

    /// <summary>
    /// The groups that cover an output row of <paramref name="outWidth"/> ≥ 4: eights from the left, then what is left
    /// (1 to 7 outputs) as one group ending at the row's end: four lanes if that covers it, else eight (overlapping the
    /// previous group), or two fours when the row is narrower than eight. No group reads past the row: the last reads
    /// input columns up to 2·outWidth − 1 &lt; width.
    /// </summary>
    internal static List<(int Start, int Lanes)> Groups(int outWidth)
    {
        var groups = new List<(int Start, int Lanes)>();
        int start = 0;
        for (; start + 8 <= outWidth; start += 8) groups.Add((start, 8));
        int left = outWidth - start;
        if (left == 0) return groups;
        if (left <= 4) groups.Add((outWidth - 4, 4));
        else if (outWidth >= 8) groups.Add((outWidth - 8, 8));
        else
        {
            groups.Add((0, 4));
            groups.Add((outWidth - 4, 4));
        }
        return groups;
    }

    /// <summary>One group of <paramref name="lanes"/> (8 or 4) outputs of row oy from output column <paramref name="ox"/>.</summary>
    private void EmitGroup(CodeWriter w, int width, int outWidth, string ox, int lanes, bool withIndex)
    {
        string vector = lanes == 8 ? "Vector256" : "Vector128", helper = (lanes == 8 ? "RowPairs" : "RowPairs4") + (withIndex ? "" : "Max");
        w.Line($"int corner = {IndexText.Add($"inputPlane + oy * {2 * width}", int.TryParse(ox, out int start) ? (2 * start).ToString() : IndexText.Multiply(ox, 2))};");
        if (withIndex)
        {
            w.Line($"var (top, topIndex) = {Names.Pascal}{helper}(ref Unsafe.Add(ref source, corner), pairs, evenLanes, oddLanes);");
            w.Line($"var (bottom, bottomIndex) = {Names.Pascal}{helper}(ref Unsafe.Add(ref source, corner + {width}), pairs, evenLanes, oddLanes);");
        }
        else
        {
            w.Line($"var top = {Names.Pascal}{helper}(ref Unsafe.Add(ref source, corner), pairs);");
            w.Line($"var bottom = {Names.Pascal}{helper}(ref Unsafe.Add(ref source, corner + {width}), pairs);");
        }
        w.Line($"var takeBottom = {vector}.GreaterThan(bottom, top);");
        w.Line($"int at = {IndexText.Add($"outputPlane + oy * {outWidth}", ox)};");
        w.Line($"{vector}.StoreUnsafe({vector}.ConditionalSelect(takeBottom, bottom, top), ref target, (nuint)at);");
        if (withIndex) w.Line($"{vector}.StoreUnsafe({vector}.ConditionalSelect({vector}.AsInt32(takeBottom), bottomIndex + {vector}.Create({width}), topIndex) + {vector}.Create(corner), ref targetIndex, (nuint)at);");
    }

    /// <summary>
    /// Per lane count (8, and 4 when a row needs it): Split puts a row's even and odd floats into two vectors,
    /// RowPairs keeps the larger of each pair (the odd one only where strictly greater) with its offset for training,
    /// RowPairsMax the larger alone for inference. Both make the same comparison, so they give the same maxima.
    /// </summary>
    private void EmitRowPairsHelpers(CodeWriter w, bool fours)
    {
        const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
        const string Ints = "global::System.Runtime.Intrinsics.Vector256<int>";
        foreach (int lanes in fours ? new[] { 8, 4 } : new[] { 8 })
        {
            string vector = lanes == 8 ? "Vector256" : "Vector128", type = $"global::System.Runtime.Intrinsics.{vector}<float>";
            string name = $"{Names.Pascal}RowPairs{(lanes == 8 ? "" : "4")}";
            w.Line($"/// <summary>{Names.Name}: the even and the odd floats of {2 * lanes} floats of a row.</summary>");
            w.Line(Inline);
            using (w.Block($"private static ({type} Even, {type} Odd) {name}Split(ref float row, {Ints} pairs)"))
            {
                if (lanes == 8)
                {
                    w.Line("var first = Vector256.Shuffle(Vector256.LoadUnsafe(ref row), pairs);");
                    w.Line("var second = Vector256.Shuffle(Vector256.LoadUnsafe(ref row, 8), pairs);");
                    w.Line("return (Vector256.Create(Vector256.GetLower(first), Vector256.GetLower(second)), Vector256.Create(Vector256.GetUpper(first), Vector256.GetUpper(second)));");
                }
                else
                {
                    // One load and one permute put the four even floats in the lower half and the four odd ones in the upper.
                    w.Line("var split = Vector256.Shuffle(Vector256.LoadUnsafe(ref row), pairs);");
                    w.Line("return (Vector256.GetLower(split), Vector256.GetUpper(split));");
                }
            }
            w.Line();
            string oddLanes = lanes == 8 ? "oddLanes" : "Vector256.GetLower(oddLanes)", evenLanes = lanes == 8 ? "evenLanes" : "Vector256.GetLower(evenLanes)";
            w.Line($"/// <summary>{Names.Name}: the larger of each pair in {2 * lanes} floats of a row (the odd one only where strictly greater) and its offset.</summary>");
            w.Line(Inline);
            using (w.Block($"private static ({type} Max, global::System.Runtime.Intrinsics.{vector}<int> Offset) {name}(ref float row, {Ints} pairs, {Ints} evenLanes, {Ints} oddLanes)"))
            {
                w.Line($"var (even, odd) = {name}Split(ref row, pairs);");
                w.Line($"var takeOdd = {vector}.GreaterThan(odd, even);");
                w.Line($"return ({vector}.ConditionalSelect(takeOdd, odd, even), {vector}.ConditionalSelect({vector}.AsInt32(takeOdd), {oddLanes}, {evenLanes}));");
            }
            w.Line();
            w.Line($"/// <summary>{Names.Name}: the larger of each pair in {2 * lanes} floats of a row (the odd one only where strictly greater).</summary>");
            w.Line(Inline);
            using (w.Block($"private static {type} {name}Max(ref float row, {Ints} pairs)"))
            {
                w.Line($"var (even, odd) = {name}Split(ref row, pairs);");
                w.Line($"return {vector}.ConditionalSelect({vector}.GreaterThan(odd, even), odd, even);");
            }
            if (lanes == 8 && fours) w.Line();
        }
    }

    private static string Literal(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";
}

using System.Collections.Generic;

namespace DslNet.Generator.Emit;

/// <summary>
/// Inference of a direct convolution (stride 1, no padding) and the 2×2 max pooling after it, in one pass that never
/// writes the convolution's output: vectorised over the filters (Vector256, eight filters a vector), each block holds
/// the four convolution outputs of one or two pooled positions in registers and keeps only their maximum:
///   y[f, py, px] = act(max over dy, dx of (b[f] + Σ_c Σ_ky Σ_kx x[c, 2py + dy + ky, 2px + dx + kx] · W[c, ky, kx, f..f+7]))
/// Every sum starts at the bias and adds the taps in the order c, ky, kx, as <see cref="DirectConv2DEmitter"/> does, and
/// the maximum makes the pooling's comparisons in its order, so the result is the same, bit for bit, as the direct
/// convolution followed by the pooling. ReLU commutes with the maximum, so it is applied once per pooled value.
/// Vectorising over the filters uses every lane whatever the width of a row (W2's 11-wide rows used 16 lanes for 11 on
/// the direct path), and the row and column that a floored pooling drops are never computed.
/// Emitted as a block that reads the refs <c>image</c> (one sample [C, H, W]), <c>weights</c> ([C, K, K, F]),
/// <c>bias</c> and <c>result</c> (one sample [F, PH, PW]); the caller guards it with <c>Vector256.IsHardwareAccelerated</c>.
/// </summary>
internal static class PooledConv2DEmitter
{
    /// <summary>Accumulators per block: two FMA pipes of four cycles' latency need eight independent sums.</summary>
    private const int Accumulators = 8;

    /// <summary>The filters must fill at least one vector; a last partial vector overlaps the one before it.</summary>
    public static bool Fits(int filters) => filters >= 8;

    /// <summary>
    /// Writes the loops over pooled rows, filter groups and blocks of pooled positions. The filters run in groups of two
    /// vectors (one pooled position a block, 8 sums) or, for a last odd vector, one (two pooled positions a block).
    /// </summary>
    public static void Emit(CodeWriter w, int channels, int height, int width, int filters, int kernel, int pooledHeight, int pooledWidth, bool relu)
    {
        var starts = VectorBlocks.Starts(filters);
        using (w.Block($"for (int py = 0; py < {pooledHeight}; py++)"))
        {
            w.Line($"ref float imageRow = ref Unsafe.Add(ref image, py * {2 * width});");
            w.Line($"ref float resultRow = ref Unsafe.Add(ref result, py * {pooledWidth});");
            for (int first = 0; first < starts.Count; first += 2)
            {
                var group = starts.GetRange(first, System.Math.Min(2, starts.Count - first));
                int positions = Accumulators / (4 * group.Count);
                w.Line($"// Filters {string.Join(", ", group.ConvertAll(s => $"{s}..{s + 7}"))}, {positions} pooled position{(positions == 1 ? "" : "s")} at a time.");
                VectorBlocks.Emit(w, pooledWidth, positions, "px",
                    (px, count) => EmitBlock(w, channels, height, width, filters, kernel, pooledHeight * pooledWidth, group, px, count, relu));
            }
        }
    }

    /// <summary>
    /// Pooled positions <paramref name="px"/> … + <paramref name="count"/> − 1 of row py for the filter vectors
    /// <paramref name="group"/>: sums a{p}_{dy}{dx}_{g} for pooled position p, window corner (dy, dx) and vector g.
    /// </summary>
    private static void EmitBlock(CodeWriter w, int channels, int height, int width, int filters, int kernel, int pooledPlane, List<int> group, string px, int count, bool relu)
    {
        w.Line($"ref float corner = ref Unsafe.Add(ref imageRow, {IndexText.Multiply(px, 2)});");
        for (int g = 0; g < group.Count; g++)
        {
            w.Line($"var bias{g} = Vector256.LoadUnsafe(ref bias, {group[g]});");
        }
        foreach (var (p, dy, dx) in Window(count))
        {
            for (int g = 0; g < group.Count; g++) w.Line($"var a{p}_{dy}{dx}_{g} = bias{g};");
        }
        w.Line("ref float tap = ref weights;");
        w.Line("ref float plane = ref corner;");
        using (channels > 1 ? w.Block($"for (int c = 0; c < {channels}; c++)") : null)
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    using var tapScope = w.Block("");
                    for (int g = 0; g < group.Count; g++)
                    {
                        w.Line($"var w{g} = Vector256.LoadUnsafe(ref tap, {(ky * kernel + kx) * filters + group[g]});");
                    }
                    foreach (var (p, dy, dx) in Window(count))
                    {
                        string x = $"x{p}_{dy}{dx}";
                        w.Line($"var {x} = Vector256.Create(Unsafe.Add(ref plane, {(dy + ky) * width + 2 * p + dx + kx}));");
                        for (int g = 0; g < group.Count; g++) w.Line($"a{p}_{dy}{dx}_{g} = Vector256.FusedMultiplyAdd({x}, w{g}, a{p}_{dy}{dx}_{g});");
                    }
                }
            }
            if (channels > 1)
            {
                w.Line($"plane = ref Unsafe.Add(ref plane, {height * width});");
                w.Line($"tap = ref Unsafe.Add(ref tap, {kernel * kernel * filters});");
            }
        }
        for (int p = 0; p < count; p++)
        {
            for (int g = 0; g < group.Count; g++)
            {
                // The pooling's order: the right one of a pair where strictly greater, then the bottom pair where strictly greater.
                string s = $"_{g}";
                w.Line($"var top{p}{s} = Vector256.ConditionalSelect(Vector256.GreaterThan(a{p}_01{s}, a{p}_00{s}), a{p}_01{s}, a{p}_00{s});");
                w.Line($"var bottom{p}{s} = Vector256.ConditionalSelect(Vector256.GreaterThan(a{p}_11{s}, a{p}_10{s}), a{p}_11{s}, a{p}_10{s});");
                string max = $"Vector256.ConditionalSelect(Vector256.GreaterThan(bottom{p}{s}, top{p}{s}), bottom{p}{s}, top{p}{s})";
                w.Line($"var max{p}{s} = {(relu ? $"Vector256.Max({max}, Vector256.Create(0f))" : max)};");
                // A last vector that overlaps the one before it stores only the filters that one did not.
                int skip = group[g] % 8 == 0 ? 0 : 8 - group[g] % 8;
                for (int lane = skip; lane < 8; lane++)
                {
                    int plane = (group[g] + lane) * pooledPlane;
                    string at = int.TryParse(px, out int column) ? (column + p + plane).ToString() : IndexText.Add(IndexText.Plus(px, p), plane.ToString());
                    w.Line($"Unsafe.Add(ref resultRow, {at}) = Vector256.GetElement(max{p}{s}, {lane});");
                }
            }
        }
    }

    /// <summary>The four window corners of each pooled position in a block, in the pooling's scan order.</summary>
    private static IEnumerable<(int P, int Dy, int Dx)> Window(int count)
    {
        for (int p = 0; p < count; p++)
        {
            for (int dy = 0; dy < 2; dy++)
            {
                for (int dx = 0; dx < 2; dx++) yield return (p, dy, dx);
            }
        }
    }
}

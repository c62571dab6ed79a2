using System.Collections.Generic;

namespace DslNet.Generator.Emit;

/// <summary>
/// A direct forward convolution for stride 1 without padding, one sample: no im2col copy. Vectorised over the output
/// positions of one output row (Vector256, eight columns a vector; a row whose width is not a multiple of eight ends
/// with a vector that overlaps the one before it and stores the same values again), register-blocked over a few
/// filters, with the kernel window unrolled as literal offsets and a loop over the input channels:
///   y[f, oy, ox..ox+7] = act(b[f] + Σ_c Σ_ky Σ_kx W[c, ky, kx, f] · x[c, oy + ky, ox + kx .. ox + kx + 7])
/// Emitted as a block that reads the refs <c>image</c> (one sample [C, H, W]), <c>weights</c> ([C, K, K, F]),
/// <c>bias</c> and <c>result</c> (one sample [F, OH, OW]); the caller guards it with <c>Vector256.IsHardwareAccelerated</c>.
/// </summary>
internal static class DirectConv2DEmitter
{
    /// <summary>Vectors of one output row held at once; more would leave too few registers for the filters.</summary>
    private const int MaxRowVectors = 4;

    /// <summary>Accumulators per block: two FMA pipes of four cycles' latency need eight independent sums.</summary>
    private const int Accumulators = 8;

    /// <summary>The direct kernel needs rows of at least one whole vector.</summary>
    public static bool Fits(int outWidth) => outWidth >= 8;

    /// <summary>
    /// Writes the loops over output rows, row chunks and filter blocks. <paramref name="reluFused"/> clamps at zero in the
    /// store; other activations are applied by the caller afterwards, as for the im2col path.
    /// </summary>
    public static void Emit(CodeWriter w, int channels, int height, int width, int filters, int kernel, int outHeight, int outWidth, bool reluFused)
    {
        var starts = VectorBlocks.Starts(outWidth);
        using (w.Block($"for (int oy = 0; oy < {outHeight}; oy++)"))
        {
            w.Line($"ref float imageRow = ref Unsafe.Add(ref image, oy * {width});");
            w.Line($"ref float resultRow = ref Unsafe.Add(ref result, oy * {outWidth});");
            for (int chunk = 0; chunk < starts.Count; chunk += MaxRowVectors)
            {
                var columns = starts.GetRange(chunk, System.Math.Min(MaxRowVectors, starts.Count - chunk));
                int block = System.Math.Min(filters, System.Math.Max(1, Accumulators / columns.Count));
                w.Line($"// Output columns {string.Join(", ", columns)} (+0..7), {block} filters at a time.");
                VectorBlocks.Emit(w, filters, block, "f",
                    (first, count) => EmitBlock(w, channels, height, width, filters, kernel, outHeight * outWidth, columns, first, count, reluFused));
            }
        }
    }

    /// <summary>Filter <c>first + i</c> as tidy text: a literal when <paramref name="first"/> is one.</summary>
    private static string Filter(string first, int i) => int.TryParse(first, out int start) ? (start + i).ToString() : IndexText.Plus(first, i);

    /// <summary>Filters <paramref name="first"/> … + <paramref name="count"/> − 1 at the row vectors <paramref name="columns"/>.</summary>
    private static void EmitBlock(CodeWriter w, int channels, int height, int width, int filters, int kernel, int positions, List<int> columns, string first, int count, bool reluFused)
    {
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < columns.Count; j++) w.Line($"var acc{i}_{j} = Vector256.Create(Unsafe.Add(ref bias, {Filter(first, i)}));");
        }
        w.Line($"ref float tap = ref Unsafe.Add(ref weights, {first});");
        w.Line("ref float plane = ref imageRow;");
        using (w.Block($"for (int c = 0; c < {channels}; c++)"))
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    using var tapScope = w.Block("");
                    for (int j = 0; j < columns.Count; j++)
                    {
                        w.Line($"var x{j} = Vector256.LoadUnsafe(ref plane, {ky * width + kx + columns[j]});");
                    }
                    for (int i = 0; i < count; i++)
                    {
                        w.Line($"var w{i} = Vector256.Create(Unsafe.Add(ref tap, {(ky * kernel + kx) * filters + i}));");
                        for (int j = 0; j < columns.Count; j++) w.Line($"acc{i}_{j} = Vector256.FusedMultiplyAdd(x{j}, w{i}, acc{i}_{j});");
                    }
                }
            }
            w.Line($"plane = ref Unsafe.Add(ref plane, {height * width});");
            w.Line($"tap = ref Unsafe.Add(ref tap, {kernel * kernel * filters});");
        }
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < columns.Count; j++)
            {
                string value = reluFused ? $"Vector256.Max(acc{i}_{j}, Vector256.Create(0f))" : $"acc{i}_{j}";
                string offset = IndexText.Add(IndexText.Multiply(Filter(first, i), positions), columns[j].ToString());
                w.Line($"Vector256.StoreUnsafe({value}, ref resultRow, (nuint)({offset}));");
            }
        }
    }
}

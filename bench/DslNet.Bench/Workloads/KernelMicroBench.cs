using System;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using DslNet.Bench.Data;
using DslNet.Bench.Harness;
using DslNet.Bench.Kernels;
using DslNet.Bench.Output;
using DslNet.CompilerServices;

namespace DslNet.Bench.Workloads;

/// <summary>
/// K (<c>--kernels</c>): the kernel library's products on the product shapes of W1, W3, W2, W5 and W6, each on every
/// vector path this machine runs (forced: Vector512, Vector256, Vector128, and scalar up to 20 MFLOP), in GFLOP/s and as a share of this
/// run's P0 peak; then the convolutions' weight gradients of W2 and W9 (<see cref="DotProductMatMul"/>, one sample) the same way. One JSON line per shape and path: how a path is tuned from a run on a machine that has it. The
/// register tile of each path is fixed in the library today (4 rows × 4 vectors on Vector512, 6 × 2 below), so the
/// lines name it rather than try several.
/// </summary>
internal static class KernelMicroBench
{
    private delegate void Product(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction);

    public static void Run(BenchOptions options)
    {
        double? peak = FmaPeakWorkload.Measure(options);
        Time<W1Dense1Forward>(options, peak, "W1.dense1.forward", rows: 64, reduction: 784, columns: 128);
        Time<W1Dense1Forward>(options, peak, "W3.dense1.forward", rows: 1, reduction: 784, columns: 128);
        Time<W1Dense1WeightGradient>(options, peak, "W1.dense1.weight_gradient", rows: 784, reduction: 64, columns: 128);
        Time<W1Dense2InputGradient>(options, peak, "W1.dense2.input_gradient", rows: 64, reduction: 64, columns: 128);
        Time<W2Conv2Forward>(options, peak, "W2.conv2.forward_per_image", rows: 16, reduction: 72, columns: 121);
        Time<W5LstmInput>(options, peak, "W5.lstm.input_product", rows: 35 * 32, reduction: 32, columns: 512);
        Time<W5LstmRecurrent>(options, peak, "W5.lstm.recurrent_step", rows: 32, reduction: 128, columns: 512);
        Time<W6Forward>(options, peak, "W6.forward_unpanelled", rows: 256, reduction: 1024, columns: 1024);
        TimeWeightGradient<W2Conv1WeightGradient>(options, peak, "W2.conv1.weight_gradient");
        TimeWeightGradient<W2Conv2WeightGradient>(options, peak, "W2.conv2.weight_gradient");
        TimeWeightGradient<W9StemWeightGradient>(options, peak, "W9.stem.weight_gradient");
        TimeWeightGradient<W9Stage1WeightGradient>(options, peak, "W9.stage1.weight_gradient");
        TimeWeightGradient<W9Stage2WeightGradient>(options, peak, "W9.stage2.weight_gradient");
        TimeWeightGradient<W9Stage3WeightGradient>(options, peak, "W9.stage3.weight_gradient");
    }

    private static void Time<TShape>(BenchOptions options, double? peak, string name, int rows, int reduction, int columns)
        where TShape : struct, IMatMulShape
    {
        var random = new FastRandom(31);
        var left = RandomData.Uniform((rows - 1) * TShape.LeftRowStride + (reduction - 1) * TShape.LeftReductionStride + 1, random);
        var right = RandomData.Uniform(reduction * TShape.RightReductionStride, random);
        var bias = RandomData.Uniform(Math.Max(columns, rows), random);
        var result = new float[rows * TShape.ResultRowStride];
        var paths = new (string Name, int Bits, bool Runs, Product Kernel)[]
        {
            ("vector512", 512, Vector512.IsHardwareAccelerated, MatMul.MultiplyVector512<TShape>),
            ("vector256", 256, Vector256.IsHardwareAccelerated, MatMul.MultiplyVector256<TShape>),
            ("vector128", 128, Vector128.IsHardwareAccelerated, MatMul.MultiplyVector128<TShape>),
            ("scalar", 32, true, MatMul.MultiplyScalar<TShape>),
        };
        double flop = 2.0 * rows * reduction * columns;
        foreach (var path in paths)
        {
            // The scalar path is the fallback of machines without vectors; on the large shapes it would take minutes.
            if (!path.Runs || (path.Bits == 32 && flop > 2e7)) continue;
            var step = new Step(path.Kernel, left, right, bias, result, rows, reduction);
            var measured = Measurement.Run(ref step, options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3) });
            double gflops = flop / measured.MedianSeconds / 1e9;
            var line = new JsonLine($"K.{name}")
                .Add("metric", "gflop_per_s").Add("value", gflops).Add("threads", 1L).Add("peer", "dslnet")
                .Add("path", path.Name).Add("tile", path.Bits switch { 512 => "4x4", 32 => "1x1", _ => "6x2" })
                .Add("shape", $"{rows}x{reduction}x{columns}");
            if (peak is { } p) line.Add("pct_of_peak", 100 * gflops / p, 3);
            line.Add("spread_pct", measured.SpreadPercent, 3).Print();
        }
    }

    /// <summary>A convolution's weight gradient for one sample (<see cref="DotProductMatMul"/>) on every path.</summary>
    private static void TimeWeightGradient<TShape>(BenchOptions options, double? peak, string name)
        where TShape : struct, IDotProductShape
    {
        var random = new FastRandom(37);
        var left = RandomData.Uniform(TShape.Rows * TShape.LeftRowStride, random);
        var right = RandomData.Uniform(TShape.Columns * TShape.RightRowStride, random);
        var result = new float[TShape.Rows * TShape.ResultRowStride];
        var scratch = new float[TShape.Reduction * TShape.Columns];
        var paths = new (string Name, bool Runs, DotProduct Kernel)[]
        {
            ("vector512", Vector512.IsHardwareAccelerated, DotProductMatMul.MultiplyVector512<TShape>),
            ("vector256", Vector256.IsHardwareAccelerated, DotProductMatMul.MultiplyVector256<TShape>),
            ("vector128", Vector128.IsHardwareAccelerated, DotProductMatMul.MultiplyVector128<TShape>),
            ("scalar", true, DotProductMatMul.MultiplyScalar<TShape>),
        };
        double flop = 2.0 * TShape.Rows * TShape.Reduction * TShape.Columns;
        foreach (var path in paths)
        {
            if (!path.Runs) continue;
            var step = new DotProductStep(path.Kernel, left, right, result, scratch);
            var measured = Measurement.Run(ref step, options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3) });
            double gflops = flop / measured.MedianSeconds / 1e9;
            var line = new JsonLine($"K.{name}")
                .Add("metric", "gflop_per_s").Add("value", gflops).Add("threads", 1L).Add("peer", "dslnet")
                .Add("path", path.Name).Add("shape", $"{TShape.Rows}x{TShape.Reduction}x{TShape.Columns}");
            if (peak is { } p) line.Add("pct_of_peak", 100 * gflops / p, 3);
            line.Add("spread_pct", measured.SpreadPercent, 3).Print();
        }
    }

    private delegate void DotProduct(ref float left, ref float right, ref float result, ref float scratch);

    private readonly struct DotProductStep(DotProduct kernel, float[] left, float[] right, float[] result, float[] scratch) : IBenchStep
    {
        public void Run() => kernel(
            ref MemoryMarshal.GetArrayDataReference(left), ref MemoryMarshal.GetArrayDataReference(right), ref MemoryMarshal.GetArrayDataReference(result),
            ref MemoryMarshal.GetArrayDataReference(scratch));
    }

    private readonly struct Step(Product kernel, float[] left, float[] right, float[] bias, float[] result, int rows, int reduction) : IBenchStep
    {
        public void Run() => kernel(
            ref MemoryMarshal.GetArrayDataReference(left), ref MemoryMarshal.GetArrayDataReference(right),
            ref MemoryMarshal.GetArrayDataReference(bias), ref MemoryMarshal.GetArrayDataReference(result), rows, reduction);
    }
}

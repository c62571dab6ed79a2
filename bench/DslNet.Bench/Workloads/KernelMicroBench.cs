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
/// run's P0 peak, with each register tile of <see cref="RegisterTiles"/> that the path's registers can hold (the
/// line of the path's default tile says <c>"default":true</c>); W6's three products from panels the same way; then the
/// convolutions' weight gradients of W2 and W9 (<see cref="DotProductMatMul"/>, one sample) on each path. One JSON line
/// per shape, path and tile: how a path is tuned from a run on a machine that has it (its default is one line of
/// the runtime's <c>Kernels/PathTiles.cs</c>).
/// </summary>
internal static class KernelMicroBench
{
    private delegate void Product(ref float left, ref float right, ref float bias, ref float result, int rows, int reduction);

    private delegate void PanelProduct(ref float left, ref float right, ref float bias, ref float result, float[] rightPanels, float[]? leftRows, int rows, int reduction);

    /// <summary>A vector path with one register tile: "6x4" on "vector512", say.</summary>
    private sealed record Tiled<TKernel>(string Path, int Bits, bool Runs, string Tile, TKernel Kernel)
    {
        public bool Default => Bits == 32 || RegisterTiles.DefaultTile(Bits) is var (rows, vectors) && Tile == $"{rows}x{vectors}";
    }

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
        TimePanels<W6ForwardPanels>(options, peak, "W6.forward", rows: 256, reduction: 1024);
        TimePanels<W6WeightGradientPanels>(options, peak, "W6.weight_gradient", rows: 1024, reduction: 256);
        TimePanels<W6InputGradientPanels>(options, peak, "W6.input_gradient", rows: 256, reduction: 1024);
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
        var paths = Tiles<TShape>();
        double flop = 2.0 * rows * reduction * columns;
        foreach (var path in paths)
        {
            // The scalar path is the fallback of machines without vectors; on the large shapes it would take minutes.
            if (!path.Runs || (path.Bits == 32 && flop > 2e7)) continue;
            var step = new Step(path.Kernel, left, right, bias, result, rows, reduction);
            var measured = Measurement.Run(ref step, options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3) });
            Print(name, path.Path, path.Tile, path.Default, $"{rows}x{reduction}x{columns}", flop, measured, peak);
        }
    }

    /// <summary>A panel product of W6 on every vector path and tile; the panels are as wide as the tile.</summary>
    private static void TimePanels<TShape>(BenchOptions options, double? peak, string name, int rows, int reduction)
        where TShape : struct, IPanelMatMulShape
    {
        int shapeRows = TShape.Rows > 0 ? TShape.Rows : rows, shapeReduction = TShape.Reduction > 0 ? TShape.Reduction : reduction;
        var random = new FastRandom(41);
        var left = RandomData.Uniform((shapeRows - 1) * TShape.LeftRowStride + (shapeReduction - 1) * TShape.LeftReductionStride + 1, random);
        var right = RandomData.Uniform((shapeReduction - 1) * TShape.RightReductionStride + (TShape.Columns - 1) * TShape.RightColumnStride + 1, random);
        var bias = RandomData.Uniform(Math.Max(TShape.Columns, shapeRows), random);
        var result = new float[shapeRows * TShape.ResultRowStride];
        var panels = new float[TShape.Slice * TShape.Columns];
        float[]? leftRows = TShape.LeftCopied ? new float[shapeRows * TShape.Slice] : null;
        double flop = 2.0 * shapeRows * shapeReduction * TShape.Columns;
        foreach (var path in PanelTiles<TShape>())
        {
            if (!path.Runs) continue;
            var step = new PanelStep(path.Kernel, left, right, bias, result, panels, leftRows, rows, reduction);
            var measured = Measurement.Run(ref step, options.Settings with { WarmupSeconds = Math.Min(options.Settings.WarmupSeconds, 0.3) });
            Print(name, path.Path, path.Tile, path.Default, $"{shapeRows}x{shapeReduction}x{TShape.Columns}", flop, measured, peak);
        }
    }

    private static void Print(string name, string path, string tile, bool isDefault, string shape, double flop, MeasurementResult measured, double? peak)
    {
        double gflops = flop / measured.MedianSeconds / 1e9;
        var line = new JsonLine($"K.{name}")
            .Add("metric", "gflop_per_s").Add("value", gflops).Add("threads", 1L).Add("peer", "dslnet")
            .Add("path", path).Add("tile", tile).Add("default", isDefault).Add("shape", shape);
        if (peak is { } p) line.Add("pct_of_peak", 100 * gflops / p, 3);
        line.Add("spread_pct", measured.SpreadPercent, 3).Print();
    }

    /// <summary>
    /// The tiles each path's registers can hold: 32 vector registers with AVX-512 (and on ARM64, whose NEON is the
    /// Vector128 path there), 16 with AVX2 (a tile takes rows × vectors accumulators, the loads and a broadcast).
    /// </summary>
    private static Tiled<Product>[] Tiles<TShape>()
        where TShape : struct, IMatMulShape =>
    [
        .. Wide<TShape, RegisterTiles.Tile4x4>(),
        .. Wide<TShape, RegisterTiles.Tile6x4>(),
        .. Wide<TShape, RegisterTiles.Tile5x4>(),
        .. Wide<TShape, RegisterTiles.Tile6x3>(),
        .. Wide<TShape, RegisterTiles.Tile4x3>(),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "6x2", MatMul.MultiplyVector256<TShape, RegisterTiles.Tile6x2>),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "4x3", MatMul.MultiplyVector256<TShape, RegisterTiles.Tile4x3>),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "4x2", MatMul.MultiplyVector256<TShape, RegisterTiles.Tile4x2>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "6x2", MatMul.MultiplyVector128<TShape, RegisterTiles.Tile6x2>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "4x3", MatMul.MultiplyVector128<TShape, RegisterTiles.Tile4x3>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "6x4", MatMul.MultiplyVector128<TShape, RegisterTiles.Tile6x4>),
        new("scalar", 32, true, "1x1", MatMul.MultiplyScalar<TShape>),
    ];

    private static Tiled<Product>[] Wide<TShape, TTile>()
        where TShape : struct, IMatMulShape
        where TTile : struct, IRegisterTile =>
        [new("vector512", 512, Vector512.IsHardwareAccelerated, $"{TTile.Rows}x{TTile.Vectors}", MatMul.MultiplyVector512<TShape, TTile>)];

    private static Tiled<PanelProduct>[] PanelTiles<TShape>()
        where TShape : struct, IPanelMatMulShape =>
    [
        .. PanelWide<TShape, RegisterTiles.Tile4x4>(),
        .. PanelWide<TShape, RegisterTiles.Tile6x4>(),
        .. PanelWide<TShape, RegisterTiles.Tile5x4>(),
        .. PanelWide<TShape, RegisterTiles.Tile6x3>(),
        .. PanelWide<TShape, RegisterTiles.Tile4x3>(),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "6x2", PanelMatMul.MultiplyVector256<TShape, RegisterTiles.Tile6x2>),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "4x3", PanelMatMul.MultiplyVector256<TShape, RegisterTiles.Tile4x3>),
        new("vector256", 256, Vector256.IsHardwareAccelerated, "4x2", PanelMatMul.MultiplyVector256<TShape, RegisterTiles.Tile4x2>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "6x2", PanelMatMul.MultiplyVector128<TShape, RegisterTiles.Tile6x2>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "4x3", PanelMatMul.MultiplyVector128<TShape, RegisterTiles.Tile4x3>),
        new("vector128", 128, Vector128.IsHardwareAccelerated, "6x4", PanelMatMul.MultiplyVector128<TShape, RegisterTiles.Tile6x4>),
    ];

    private static Tiled<PanelProduct>[] PanelWide<TShape, TTile>()
        where TShape : struct, IPanelMatMulShape
        where TTile : struct, IRegisterTile =>
        [new("vector512", 512, Vector512.IsHardwareAccelerated, $"{TTile.Rows}x{TTile.Vectors}", PanelMatMul.MultiplyVector512<TShape, TTile>)];

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

    private readonly struct PanelStep(PanelProduct kernel, float[] left, float[] right, float[] bias, float[] result, float[] panels, float[]? leftRows, int rows, int reduction) : IBenchStep
    {
        public void Run() => kernel(
            ref MemoryMarshal.GetArrayDataReference(left), ref MemoryMarshal.GetArrayDataReference(right),
            ref MemoryMarshal.GetArrayDataReference(bias), ref MemoryMarshal.GetArrayDataReference(result), panels, leftRows, rows, reduction);
    }

    private readonly struct Step(Product kernel, float[] left, float[] right, float[] bias, float[] result, int rows, int reduction) : IBenchStep
    {
        public void Run() => kernel(
            ref MemoryMarshal.GetArrayDataReference(left), ref MemoryMarshal.GetArrayDataReference(right),
            ref MemoryMarshal.GetArrayDataReference(bias), ref MemoryMarshal.GetArrayDataReference(result), rows, reduction);
    }
}

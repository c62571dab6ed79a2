using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// The direct convolutions (stride 1 without padding, one sample, no im2col copy) as calls of the runtime's
/// <c>DslNet.CompilerServices.DirectConvolution</c>, specialised by a struct of the layer's sizes
/// (<see cref="KernelShapes"/>): layers with the same sizes share the struct and so the machine code. The calls read the
/// refs <c>image</c> (one sample [C, H, W]), <c>weights</c> ([C, K, K, F]), <c>bias</c> and <c>result</c>; the caller
/// guards them with <c>Vector256.IsHardwareAccelerated</c>.
/// </summary>
internal static class DirectConv2DEmitter
{
    /// <summary>The direct kernel needs output rows of at least one whole Vector256.</summary>
    public static bool Fits(int outWidth) => outWidth >= 8;

    /// <summary>The pooled kernel needs the filters to fill at least one Vector256; a last partial vector overlaps the one before it.</summary>
    public static bool FitsPooled(int filters) => filters >= 8;

    /// <summary>
    /// The convolution and the 2×2 max pooling after it in one pass, for one sample: result [F, ⌊OH/2⌋, ⌊OW/2⌋].
    /// <paramref name="scaled"/>: <c>bias</c> holds a folded BatchNorm's scales and shifts, each sum scaled and shifted per filter.
    /// </summary>
    public static void EmitPooledForward(CodeWriter w, int channels, int height, int width, int filters, int kernel, bool relu, bool scaled) =>
        w.Line($"global::DslNet.CompilerServices.DirectConvolution.PooledForward<{Shape(w, channels, height, width, filters, kernel, relu, scaled)}>(ref image, ref weights, ref bias, ref result);");

    private static string Shape(CodeWriter w, int channels, int height, int width, int filters, int kernel, bool relu, bool scaled)
    {
        string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);
        string members = $"public static int Channels => {Literal(channels)}; public static int Height => {Literal(height)}; public static int Width => {Literal(width)}; "
            + $"public static int Filters => {Literal(filters)}; public static int KernelSize => {Literal(kernel)};{(relu ? " public static bool FusedReLU => true;" : "")}{(scaled ? " public static bool Scaled => true;" : "")}";
        string summary = $"[{Literal(channels)}, {Literal(height)}, {Literal(width)}] ⊛ {Literal(filters)}@{Literal(kernel)}×{Literal(kernel)}, stride 1, no padding{(scaled ? ", scaled and shifted per filter" : "")}{(relu ? ", then ReLU" : "")}";
        return w.KernelShapes.NameFor("ConvolutionShape", "IConvolutionShape", members, summary);
    }
}

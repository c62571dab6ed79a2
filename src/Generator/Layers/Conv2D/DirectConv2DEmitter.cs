namespace DslNet.Generator.Emit;

/// <summary>
/// When a convolution can take the runtime's direct kernels (<c>DslNet.CompilerServices.DirectConvolution</c>: stride 1
/// without padding, one sample, no im2col copy), which the generator needs to know to fuse a pooling into the layer's
/// inference; the runtime's <c>Conv2DRules</c> applies the same limits when it runs them.
/// </summary>
internal static class DirectConv2DEmitter
{
    /// <summary>The direct kernel needs output rows of at least one whole Vector256.</summary>
    public static bool Fits(int outWidth) => outWidth >= 8;

    /// <summary>The pooled kernel needs the filters to fill at least one Vector256; a last partial vector overlaps the one before it.</summary>
    public static bool FitsPooled(int filters) => filters >= 8;
}

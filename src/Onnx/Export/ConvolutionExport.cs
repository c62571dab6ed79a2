namespace DslNet.Onnx.Export;

/// <summary>
/// Conv2D, pooling and Flatten on NCHW feature maps. A sequence's steps are folded into the batch for the operator and
/// unfolded after it (the same weights at every step, as DslNet applies them).
/// </summary>
internal static class ConvolutionExport
{
    public static OnnxValue Conv2D(ExportContext context, Conv2DDescription conv, OnnxValue x)
    {
        int channels = conv.InputShape[0], k = conv.KernelSize, filters = conv.Filters;
        int height = conv.InputShape[1], width = conv.InputShape[2];
        int outHeight = conv.OutputShape[1], outWidth = conv.OutputShape[2];
        // Same padding puts the odd extra row and column at the bottom and right, as DslNet (and Keras) do; PyTorch's
        // integer padding puts PaddingSize on every side (ONNX's output size is PyTorch's: floor((in + 2p − k) / s) + 1).
        long padHeight = conv.Padding == Padding.Same ? System.Math.Max((outHeight - 1) * conv.Stride + k - height, 0) : 2L * conv.PaddingSize;
        long padWidth = conv.Padding == Padding.Same ? System.Math.Max((outWidth - 1) * conv.Stride + k - width, 0) : 2L * conv.PaddingSize;
        // DslNet's kernel is [channels, k, k, filters]; ONNX's is [filters, channels, k, k].
        string weight = context.ConvertedInitializer(conv.Name, "weight", [channels, k, k, filters], [filters, channels, k, k], (from, to) =>
        {
            for (int c = 0; c < channels; c++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++)
                        for (int f = 0; f < filters; f++)
                            to[((f * channels + c) * k + ky) * k + kx] = from[((c * k + ky) * k + kx) * filters + f];
        });
        string bias = context.Initializer(conv.Name, "bias", filters);
        return PerSample(context, conv.Name, x, conv.OutputShape, frames =>
        {
            string y = context.Graph.Node(conv.Name, "Conv", [frames, weight, bias],
                OnnxGraphBuilder.Ints("kernel_shape", k, k), OnnxGraphBuilder.Ints("strides", conv.Stride, conv.Stride),
                OnnxGraphBuilder.Ints("pads", padHeight / 2, padWidth / 2, padHeight - padHeight / 2, padWidth - padWidth / 2));
            return context.Activate(conv.Name, y, conv.Activation);
        });
    }

    public static OnnxValue ConvTranspose2D(ExportContext context, ConvTranspose2DDescription conv, OnnxValue x)
    {
        int channels = conv.InputShape[0], k = conv.KernelSize, filters = conv.Filters;
        // DslNet's kernel is [channels, k, k, filters]; ONNX's ConvTranspose takes [channels, filters, k, k].
        string weight = context.ConvertedInitializer(conv.Name, "weight", [channels, k, k, filters], [channels, filters, k, k], (from, to) =>
        {
            for (int c = 0; c < channels; c++)
                for (int ky = 0; ky < k; ky++)
                    for (int kx = 0; kx < k; kx++)
                        for (int f = 0; f < filters; f++)
                            to[((c * filters + f) * k + ky) * k + kx] = from[((c * k + ky) * k + kx) * filters + f];
        });
        string bias = context.Initializer(conv.Name, "bias", filters);
        long p = conv.Padding;
        return PerSample(context, conv.Name, x, conv.OutputShape, frames =>
        {
            string y = context.Graph.Node(conv.Name, "ConvTranspose", [frames, weight, bias],
                OnnxGraphBuilder.Ints("kernel_shape", k, k), OnnxGraphBuilder.Ints("strides", conv.Stride, conv.Stride),
                OnnxGraphBuilder.Ints("pads", p, p, p, p));
            return context.Activate(conv.Name, y, conv.Activation);
        });
    }

    public static OnnxValue Pool(ExportContext context, LayerDescription pool, string op, int size, int stride, OnnxValue x) =>
        PerSample(context, pool.Name, x, pool.OutputShape, frames => context.Graph.Node(pool.Name, op, [frames],
            OnnxGraphBuilder.Ints("kernel_shape", size, size), OnnxGraphBuilder.Ints("strides", stride, stride)));

    /// <summary>ONNX's GlobalAveragePool leaves [N, C, 1, 1]; DslNet's output is [C] per sample.</summary>
    public static OnnxValue GlobalAveragePool(ExportContext context, GlobalAveragePool2DDescription pool, OnnxValue x) =>
        PerSample(context, pool.Name, x, pool.OutputShape, frames =>
        {
            string pooled = context.Graph.Node(pool.Name, "GlobalAveragePool", [frames]);
            return context.Graph.Node(pool.Name, "Flatten", [pooled], OnnxGraphBuilder.Int("axis", 1));
        });

    /// <summary>
    /// Resize, nearest, with asymmetric coordinates and floor rounding: output (i, j) reads input (i / f, j / f), which
    /// is DslNet's (and PyTorch's <c>Upsample(mode="nearest")</c>) integer replication.
    /// </summary>
    public static OnnxValue Upsample(ExportContext context, Upsample2DDescription upsample, OnnxValue x)
    {
        float factor = upsample.Factor;
        string scales = context.Graph.Floats(upsample.Name + "/scales", [4], [1f, 1f, factor, factor]);
        return PerSample(context, upsample.Name, x, upsample.OutputShape, frames => context.Graph.Node(upsample.Name, "Resize", [frames, "", scales],
            OnnxGraphBuilder.String("mode", "nearest"), OnnxGraphBuilder.String("coordinate_transformation_mode", "asymmetric"),
            OnnxGraphBuilder.String("nearest_mode", "floor")));
    }

    public static OnnxValue Flatten(ExportContext context, FlattenDescription flatten, OnnxValue x)
    {
        if (x.Dims.Count == 1) return x with { Dims = flatten.OutputShape };
        string shape = context.Graph.Int64s(flatten.Name + "/shape", x.IsSequence ? [0, 0, -1] : [0, -1]);
        return x with { Name = context.Graph.Node(flatten.Name, "Reshape", [x.Name, shape]), Dims = flatten.OutputShape };
    }

    private static OnnxValue PerSample(ExportContext context, string scope, OnnxValue x, System.Collections.Generic.IReadOnlyList<int> outputDims, System.Func<string, string> body)
    {
        if (!x.IsSequence) return x with { Name = body(x.Name), Dims = outputDims };
        string frames = body(context.ToFrames(scope, x));
        return x with { Name = context.FromFrames(scope, frames, x, outputDims), Dims = outputDims };
    }
}

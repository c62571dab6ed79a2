namespace DslNet.Onnx.Export;

/// <summary>
/// LayerNorm as ONNX's LayerNormalization (opset 17) over the last axis, γ and β as its scale and bias; BatchNorm as
/// BatchNormalization in inference mode (the running statistics), over axis 1 of [N, C] or [N, C, H, W].
/// </summary>
internal static class LayerNormExport
{
    public static OnnxValue Write(ExportContext context, LayerNormDescription norm, OnnxValue x) =>
        x with { Name = Write(context, norm.Name, "gain", "bias", x.Name, norm.InputShape[0], norm.Epsilon) };

    public static OnnxValue BatchNorm(ExportContext context, BatchNormDescription norm, OnnxValue x)
    {
        int channels = norm.InputShape[0];
        string[] inputs = [x.Name, context.Initializer(norm.Name, "gain", channels), context.Initializer(norm.Name, "bias", channels),
            context.Initializer(norm.Name, "runningMean", channels), context.Initializer(norm.Name, "runningVariance", channels)];
        string normalised = context.Graph.Node(norm.Name, "BatchNormalization", inputs,
            OnnxGraphBuilder.Float("epsilon", norm.Epsilon), OnnxGraphBuilder.Float("momentum", 1 - norm.Momentum));
        return x with { Name = context.Activate(norm.Name, normalised, norm.Activation) };
    }

    public static string Write(ExportContext context, string layer, string gain, string bias, string x, int features, float epsilon) =>
        context.Graph.Node(layer, "LayerNormalization", [x, context.Initializer(layer, gain, features), context.Initializer(layer, bias, features)],
            OnnxGraphBuilder.Int("axis", -1), OnnxGraphBuilder.Float("epsilon", epsilon));
}

namespace DslNet.Onnx.Export;

/// <summary>LayerNorm as ONNX's LayerNormalization (opset 17) over the last axis, γ and β as its scale and bias.</summary>
internal static class LayerNormExport
{
    public static OnnxValue Write(ExportContext context, LayerNormDescription norm, OnnxValue x) =>
        x with { Name = Write(context, norm.Name, "gain", "bias", x.Name, norm.InputShape[0], norm.Epsilon) };

    public static string Write(ExportContext context, string layer, string gain, string bias, string x, int features, float epsilon) =>
        context.Graph.Node(layer, "LayerNormalization", [x, context.Initializer(layer, gain, features), context.Initializer(layer, bias, features)],
            OnnxGraphBuilder.Int("axis", -1), OnnxGraphBuilder.Float("epsilon", epsilon));
}

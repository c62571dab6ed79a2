namespace DslNet.Onnx.Export;

/// <summary>The pre-norm block from its parts: h = x + MHSA(LN₁(x)), y = h + act(LN₂(h)·W₁ + b₁)·W₂ + b₂.</summary>
internal static class TransformerBlockExport
{
    public static OnnxValue Write(ExportContext context, TransformerBlockDescription block, OnnxValue x)
    {
        var graph = context.Graph;
        string name = block.Name;
        int d = block.InputShape[0];
        string norm1 = LayerNormExport.Write(context, name, "norm1Gain", "norm1Bias", x.Name, d, block.Epsilon);
        string attention = AttentionExport.Write(context, name, "attention", norm1, d, block.Heads, block.Causal);
        string hidden = graph.Node(name, "Add", [x.Name, attention]);
        string norm2 = LayerNormExport.Write(context, name, "norm2Gain", "norm2Bias", hidden, d, block.Epsilon);
        string wide = DenseExport.Write(context, name, "feedForward1Weight", "feedForward1Bias", norm2, d, block.FeedForward, block.Activation);
        string back = DenseExport.Write(context, name, "feedForward2Weight", "feedForward2Bias", wide, block.FeedForward, d, Activation.Linear);
        return x with { Name = graph.Node(name, "Add", [hidden, back]) };
    }
}

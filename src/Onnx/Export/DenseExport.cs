namespace DslNet.Onnx.Export;

/// <summary>Dense as MatMul, Add and the activation; on a sequence the product broadcasts over batch and time.</summary>
internal static class DenseExport
{
    public static OnnxValue Write(ExportContext context, DenseDescription dense, OnnxValue x) =>
        x with { Name = Write(context, dense.Name, "weight", "bias", x.Name, dense.InputShape[0], dense.Units, dense.Activation), Dims = [dense.Units] };

    /// <summary>y = activation(x·W + b) with W [inputs, units] from the slice <paramref name="layer"/>.<paramref name="weight"/>.</summary>
    public static string Write(ExportContext context, string layer, string weight, string bias, string x, int inputs, int units, Activation activation)
    {
        string product = context.Graph.Node(layer, "MatMul", [x, context.Initializer(layer, weight, inputs, units)]);
        string sum = context.Graph.Node(layer, "Add", [product, context.Initializer(layer, bias, units)]);
        return context.Activate(layer, sum, activation);
    }
}

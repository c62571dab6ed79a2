using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Export;

/// <summary>Embedding as Gather: the float token ids cast to int64 (truncated, as DslNet reads them), then their table rows.</summary>
internal static class EmbeddingExport
{
    public static OnnxValue Write(ExportContext context, EmbeddingDescription embedding, OnnxValue x)
    {
        string table = context.Initializer(embedding.Name, "weight", embedding.Vocabulary, embedding.Dimension);
        string ids = context.Graph.Node(embedding.Name, "Cast", [x.Name], OnnxGraphBuilder.Int("to", (long)TensorProto.Types.DataType.Int64));
        return x with { Name = context.Graph.Node(embedding.Name, "Gather", [table, ids], OnnxGraphBuilder.Int("axis", 0)), Dims = [embedding.Dimension] };
    }
}

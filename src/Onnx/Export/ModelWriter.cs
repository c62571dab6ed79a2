using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Export;

/// <summary>Builds the ONNX model of a described network: inputs, one node group per layer, the output, the metadata.</summary>
internal static class ModelWriter
{
    public const int Opset = 17;

    /// <summary>IR version 8: what opset 17 was released with.</summary>
    public const int IrVersion = 8;

    public const string Input = "input";
    public const string Lengths = "lengths";
    public const string Output = "output";

    public static ModelProto Build(IDescribedNetwork network)
    {
        var description = network.Description;
        var graph = new OnnxGraphBuilder();
        graph.Unique(Input);
        graph.Graph.Name = description.Name;
        graph.Graph.DocString = LayerTable.Write(description, network.Layout);
        graph.Graph.Input.Add(OnnxGraphBuilder.ValueInfo(Input, TensorProto.Types.DataType.Float, Axes(description.InputShape, description.IsSequence)));
        SequenceAxes? sequence = null;
        if (description.IsSequence)
        {
            graph.Unique(Lengths);
            graph.Graph.Input.Add(OnnxGraphBuilder.ValueInfo(Lengths, TensorProto.Types.DataType.Int32, ["batch"]));
            sequence = new SequenceAxes(graph, Input, Lengths);
        }
        var context = new ExportContext(graph, new NetworkParameters(network), sequence);
        var value = new OnnxValue(Input, description.InputShape, description.IsSequence);
        // Every layer's output by name, for the layers that name what they read (From, Add, Concatenate).
        var values = new Dictionary<string, OnnxValue> { [Input] = value };
        foreach (var layer in description.Layers)
        {
            var inputs = layer.Inputs.Count == 0 ? [value] : layer.Inputs.Select(name => Read(values, layer, name)).ToArray();
            value = layer switch
            {
                AddDescription add => MergeExport.Add(context, add, inputs),
                ConcatenateDescription concatenate => MergeExport.Concatenate(context, concatenate, inputs),
                _ => Layer(context, layer, inputs[0]),
            };
            values[layer.Name] = value;
        }
        // DslNet's output is zero past each sequence's length, whatever the last layer computed there.
        if (value.IsSequence) value = value with { Name = graph.Node("output", "Mul", [value.Name, context.Sequence.StepMask(value.Rank)]) };
        graph.Graph.Node.Add(new NodeProto { Name = graph.Unique("output/Identity"), OpType = "Identity", Input = { value.Name }, Output = { Output } });
        graph.Graph.Output.Add(OnnxGraphBuilder.ValueInfo(Output, TensorProto.Types.DataType.Float, Axes(value.Dims, value.IsSequence)));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "DslNet",
            ProducerVersion = typeof(ModelWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Graph = graph.Graph,
            DocString = graph.Graph.DocString,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    private static OnnxValue Read(Dictionary<string, OnnxValue> values, LayerDescription layer, string name) =>
        values.TryGetValue(name, out var value)
            ? value
            : throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) reads '{name}', which no layer before it is named; a description lists a layer after the layers it reads.");

    private static IEnumerable<object> Axes(IReadOnlyList<int> dims, bool isSequence) =>
        new object[] { "batch" }.Concat(isSequence ? ["time"] : Array.Empty<object>()).Concat(dims.Select(d => (object)d));

    private static OnnxValue Layer(ExportContext context, LayerDescription layer, OnnxValue x) => layer switch
    {
        DenseDescription dense => DenseExport.Write(context, dense, x),
        Conv2DDescription conv => ConvolutionExport.Conv2D(context, conv, x),
        ConvTranspose2DDescription transposed => ConvolutionExport.ConvTranspose2D(context, transposed, x),
        MaxPool2DDescription pool => ConvolutionExport.Pool(context, pool, "MaxPool", pool.PoolSize, pool.Stride, x),
        AvgPool2DDescription pool => ConvolutionExport.Pool(context, pool, "AveragePool", pool.PoolSize, pool.Stride, x),
        FlattenDescription flatten => ConvolutionExport.Flatten(context, flatten, x),
        GlobalAveragePool2DDescription pool => ConvolutionExport.GlobalAveragePool(context, pool, x),
        Upsample2DDescription upsample => ConvolutionExport.Upsample(context, upsample, x),
        DropoutDescription => x, // inference: dropout is the identity
        EmbeddingDescription embedding => EmbeddingExport.Write(context, embedding, x),
        SimpleRnnDescription rnn => RecurrentExport.SimpleRnn(context, rnn, x),
        LstmDescription lstm => RecurrentExport.Lstm(context, lstm, x),
        GruDescription gru => RecurrentExport.Gru(context, gru, x),
        LayerNormDescription norm => LayerNormExport.Write(context, norm, x),
        BatchNormDescription norm => LayerNormExport.BatchNorm(context, norm, x),
        PositionalEncodingDescription positional => PositionalEncodingExport.Write(context, positional, x),
        MultiHeadSelfAttentionDescription attention => AttentionExport.Write(context, attention, x),
        TransformerBlockDescription block => TransformerBlockExport.Write(context, block, x),
        _ => throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) has no ONNX export: the exporter knows Dense, Conv2D, ConvTranspose2D, MaxPool2D, AvgPool2D, GlobalAveragePool2D, Upsample2D, Flatten, Dropout, Embedding, SimpleRnn, Lstm, Gru, LayerNorm, BatchNorm, PositionalEncoding, MultiHeadSelfAttention TransformerBlock, Add and Concatenate."),
    };
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DslNet.Onnx.Import;
using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx;

/// <summary>
/// Reads an ONNX model made of layers DslNet has, in the forms PyTorch's exporter writes, and gives its <c>.dnn</c>
/// declaration and weights (<see cref="OnnxImportResult"/>). The model must be one chain from its input to its output:
/// <c>Gemm</c>, or <c>MatMul</c> with an optional <c>Add</c> (Dense); <c>Conv</c> with valid or same <c>pads</c>;
/// <c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> after a Dense or Conv; <c>MaxPool</c>, <c>AveragePool</c>;
/// <c>Flatten</c> and <c>Reshape</c> to [batch, −1]; <c>Dropout</c> and <c>Identity</c> (left out).
/// Recurrent and attention models do not import yet.
/// </summary>
public static class OnnxImport
{
    /// <summary>Imports the model at <paramref name="path"/> as the network class <paramref name="className"/> (<c>My.Net</c>).</summary>
    /// <exception cref="NotSupportedException">A node is of an operator, or in a form, DslNet has no layer for; the message names the node and the operator.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model.</exception>
    public static OnnxImportResult Import(string path, string className)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Google.Protobuf.InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"{path} is not an ONNX model: {error.Message}", error);
        }
        return Import(model, className, Path.GetFileName(path));
    }

    internal static OnnxImportResult Import(ModelProto model, string className, string source)
    {
        if (string.IsNullOrWhiteSpace(className) || !className.Split('.').All(IsIdentifier))
        {
            throw new ArgumentException($"Class name '{className}' is not a C# name such as My.Net (ASCII letters, digits and _, namespaces joined by dots).", nameof(className));
        }
        var graph = model.Graph ?? throw new InvalidDataException("The model has no graph.");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1) throw new NotSupportedException($"The graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); DslNet imports networks with one.");
        if (graph.Output.Count != 1) throw new NotSupportedException($"The graph has {graph.Output.Count} outputs; DslNet imports networks with one.");
        var dims = inputs[0].Type?.TensorType?.Shape?.Dim.Skip(1).Select(d => d.DimValue).ToArray() ?? [];
        if (dims.Length == 0 || dims.Any(d => d <= 0)) throw new NotSupportedException($"Input '{inputs[0].Name}' needs fixed sizes behind its batch axis.");

        var layers = new List<ImportedLayer>();
        string current = inputs[0].Name;
        var shape = dims.Select(d => (int)d).ToArray();
        var nodes = graph.Node.ToList();
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            string Name() => $"Node '{node.Name}' ({node.OpType})";
            if (node.Input.Count == 0 || node.Input[0] != current)
            {
                throw new NotSupportedException($"{Name()} reads '{string.Join("', '", node.Input)}', not the output of the node before it: DslNet imports one chain of layers.");
            }
            TensorProto Weight(int index) => index < node.Input.Count && initializers.TryGetValue(node.Input[index], out var t) ? t
                : throw new NotSupportedException($"{Name()}: input {index} must be a constant (an initializer).");
            switch (node.OpType)
            {
                case "Gemm":
                    {
                        if (Attribute(node, "transA", 0) != 0 || AttributeFloat(node, "alpha", 1) != 1 || AttributeFloat(node, "beta", 1) != 1)
                            throw new NotSupportedException($"{Name()}: only transA = 0, alpha = 1, beta = 1 are a Dense layer.");
                        var w = Values(Weight(1), Name());
                        bool transposed = Attribute(node, "transB", 0) != 0;
                        var wDims = Weight(1).Dims;
                        int units = (int)(transposed ? wDims[0] : wDims[1]), inputsCount = (int)(transposed ? wDims[1] : wDims[0]);
                        CheckVector(shape, inputsCount, Name());
                        var linear = transposed ? w : Transpose(w, inputsCount, units);
                        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? Values(Weight(2), Name()) : new float[units];
                        if (bias.Length != units) throw new NotSupportedException($"{Name()}: bias of {bias.Length} values for {units} units (a broadcast bias is not a Dense layer).");
                        layers.Add(Dense(units, inputsCount, linear, bias));
                        shape = [units];
                        break;
                    }
                case "MatMul":
                    {
                        var wDims = Weight(1).Dims;
                        if (wDims.Count != 2) throw new NotSupportedException($"{Name()}: a Dense weight is a matrix, found rank {wDims.Count}.");
                        int inputsCount = (int)wDims[0], units = (int)wDims[1];
                        CheckVector(shape, inputsCount, Name());
                        var bias = new float[units];
                        string output = node.Output[0];
                        if (i + 1 < nodes.Count && nodes[i + 1].OpType == "Add" && nodes[i + 1].Input.Contains(output))
                        {
                            var add = nodes[++i];
                            string other = add.Input[0] == output ? add.Input[1] : add.Input[0];
                            if (!initializers.TryGetValue(other, out var b)) throw new NotSupportedException($"Node '{add.Name}' (Add) after MatMul must add a constant bias.");
                            bias = Values(b, $"Node '{add.Name}' (Add)");
                            if (bias.Length != units) throw new NotSupportedException($"Node '{add.Name}' (Add): bias of {bias.Length} values for {units} units.");
                            output = add.Output[0];
                        }
                        layers.Add(Dense(units, inputsCount, Transpose(Values(Weight(1), Name()), inputsCount, units), bias));
                        shape = [units];
                        current = output;
                        continue;
                    }
                case "Conv":
                    {
                        if (shape.Length != 3) throw new NotSupportedException($"{Name()}: a Conv2D reads [channels, height, width], here {Text(shape)}.");
                        var wDims = Weight(1).Dims.Select(d => (int)d).ToArray();
                        int filters = wDims[0], k = wDims[2];
                        var strides = Ints(node, "strides", [1, 1]);
                        if (wDims.Length != 4 || wDims[1] != shape[0] || wDims[3] != k || Attribute(node, "group", 1) != 1 || Ints(node, "dilations", [1, 1]).Any(d => d != 1) || strides[0] != strides[1])
                            throw new NotSupportedException($"{Name()}: DslNet's Conv2D has a square kernel, equal strides, one group and no dilation; found weight {Text(wDims)}, strides {Text(strides)}.");
                        int stride = (int)strides[0];
                        var pads = Ints(node, "pads", [0, 0, 0, 0]);
                        string autoPad = AttributeString(node, "auto_pad", "NOTSET");
                        int sameHeight = (shape[1] + stride - 1) / stride, sameWidth = (shape[2] + stride - 1) / stride;
                        long totalHeight = Math.Max((sameHeight - 1) * stride + k - shape[1], 0), totalWidth = Math.Max((sameWidth - 1) * stride + k - shape[2], 0);
                        bool valid = pads.All(p => p == 0) && autoPad is "NOTSET" or "VALID";
                        bool same = autoPad == "SAME_UPPER" || (autoPad == "NOTSET" && pads.SequenceEqual([totalHeight / 2, totalWidth / 2, totalHeight - totalHeight / 2, totalWidth - totalWidth / 2]));
                        if (!valid && !same)
                            throw new NotSupportedException($"{Name()}: pads {Text(pads)} are neither none nor DslNet's same padding ({Text([totalHeight / 2, totalWidth / 2, totalHeight - totalHeight / 2, totalWidth - totalWidth / 2])} here).");
                        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? Values(Weight(2), Name()) : new float[filters];
                        string statement = $"conv2d {filters} kernel={k}{(stride != 1 ? $" stride={stride}" : "")}{(valid ? "" : " padding=same")}";
                        layers.Add(new ImportedLayer("conv2d", statement, true, [("weight", new([filters, shape[0], k, k], Values(Weight(1), Name()))), ("bias", new([filters], bias))]));
                        shape = valid ? [filters, (shape[1] - k) / stride + 1, (shape[2] - k) / stride + 1] : [filters, sameHeight, sameWidth];
                        break;
                    }
                case "MaxPool" or "AveragePool":
                    {
                        var kernel = Ints(node, "kernel_shape", []);
                        var strides = Ints(node, "strides", kernel);
                        if (shape.Length != 3 || kernel.Length != 2 || kernel[0] != kernel[1] || strides[0] != strides[1] || Ints(node, "pads", [0, 0, 0, 0]).Any(p => p != 0) || Attribute(node, "ceil_mode", 0) != 0)
                            throw new NotSupportedException($"{Name()}: DslNet's pooling has a square window, equal strides, no padding and no ceil_mode.");
                        int size = (int)kernel[0], stride = (int)strides[0];
                        layers.Add(new ImportedLayer(node.OpType == "MaxPool" ? "maxpool2d" : "avgpool2d", $"{(node.OpType == "MaxPool" ? "maxpool2d" : "avgpool2d")} {size}{(stride != size ? $" stride={stride}" : "")}", false, []));
                        shape = [shape[0], (shape[1] - size) / stride + 1, (shape[2] - size) / stride + 1];
                        break;
                    }
                case "Flatten" or "Reshape":
                    {
                        if (node.OpType == "Flatten" && Attribute(node, "axis", 1) != 1) throw new NotSupportedException($"{Name()}: only axis = 1 keeps the batch apart.");
                        int size = shape.Aggregate(1, (p, d) => p * d);
                        if (node.OpType == "Reshape")
                        {
                            var target = Values64(Weight(1), Name());
                            bool flattens = target.Length == 2 && (target[1] == -1 || target[1] == size) && (target[0] == -1 || target[0] == 0 || target[1] != -1);
                            if (!flattens) throw new NotSupportedException($"{Name()}: only a reshape to [batch, {size}] (a flatten) imports; found {Text(target)}.");
                        }
                        if (shape.Length > 1) layers.Add(new ImportedLayer("flatten", "flatten", false, []));
                        shape = [size];
                        break;
                    }
                case "Relu" or "Sigmoid" or "Tanh" or "Softmax":
                    {
                        var last = layers.Count > 0 ? layers[^1] : null;
                        if (last is null || !last.TakesActivation || last.Activation is not null)
                            throw new NotSupportedException($"{Name()}: an activation imports only right after a Dense (Gemm, MatMul) or Conv2D (Conv) that has none.");
                        if (node.OpType == "Softmax")
                        {
                            long axis = Attribute(node, "axis", -1);
                            if (last.Kind != "dense" || (axis != -1 && axis != 1)) throw new NotSupportedException($"{Name()}: softmax imports over a Dense layer's units only.");
                        }
                        last.Activation = node.OpType.ToLowerInvariant();
                        break;
                    }
                case "Dropout" or "Identity":
                    break; // inference: nothing
                default:
                    throw new NotSupportedException($"{Name()}: DslNet has no layer for the operator {node.OpType}.");
            }
            current = node.Output[0];
        }
        if (current != graph.Output[0].Name) throw new NotSupportedException($"The chain of layers ends at '{current}', not at the graph's output '{graph.Output[0].Name}'.");
        if (layers.Count == 0) throw new NotSupportedException("The model has no layer DslNet can declare.");
        return Write(className, source, model, shape, dims, layers);
    }

    private static OnnxImportResult Write(string className, string source, ModelProto model, int[] outputShape, long[] inputDims, List<ImportedLayer> layers)
    {
        var text = new StringBuilder();
        text.Append($"# Imported from {source} ({(model.ProducerName.Length > 0 ? model.ProducerName + " " + model.ProducerVersion : "unknown producer")}, opset {model.OpsetImport.FirstOrDefault(o => o.Domain.Length == 0)?.Version}) by DslNet; output {Text(outputShape)}\n");
        text.Append($"network {className}\n");
        text.Append($"input {string.Join(", ", inputDims)}\n");
        var weights = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            text.Append(layer.Statement).Append(layer.Activation is null ? "" : " activation=" + layer.Activation).Append('\n');
            foreach (var (part, tensor) in layer.Tensors) weights.Add($"{layer.Kind}{i + 1}.{part}", tensor);
        }
        return new OnnxImportResult(text.ToString(), weights);
    }

    private static ImportedLayer Dense(int units, int inputs, float[] weightOutIn, float[] bias) =>
        new("dense", $"dense {units}", true, [("weight", new([units, inputs], weightOutIn)), ("bias", new([units], bias))]);

    private static void CheckVector(int[] shape, int inputs, string node)
    {
        if (shape.Length != 1 || shape[0] != inputs) throw new NotSupportedException($"{node}: a Dense layer of {inputs} inputs reads a vector of {inputs}, here {Text(shape)} (flatten it first).");
    }

    /// <summary>[rows, columns] → [columns, rows].</summary>
    private static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                result[c * rows + r] = values[r * columns + c];
        return result;
    }

    private static float[] Values(TensorProto tensor, string node)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float) throw new NotSupportedException($"{node}: tensor '{tensor.Name}' is not float32.");
        if (tensor.RawData.Length > 0) return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External) throw new NotSupportedException($"{node}: tensor '{tensor.Name}' is stored in an external file.");
        return tensor.FloatData.ToArray();
    }

    private static long[] Values64(TensorProto tensor, string node)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int64) throw new NotSupportedException($"{node}: shape tensor '{tensor.Name}' is not int64.");
        return tensor.RawData.Length > 0 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(tensor.RawData.Span).ToArray() : tensor.Int64Data.ToArray();
    }

    private static long Attribute(NodeProto node, string name, long fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? fallback;

    private static float AttributeFloat(NodeProto node, string name, float fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.F ?? fallback;

    private static string AttributeString(NodeProto node, string name, string fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.S.ToStringUtf8() ?? fallback;

    private static long[] Ints(NodeProto node, string name, long[] fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray() ?? fallback;

    private static string Text<T>(IEnumerable<T> values) => "[" + string.Join(", ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + "]";

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

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
/// <c>Gemm</c>, or <c>MatMul</c> with an optional <c>Add</c> (Dense); <c>Conv</c> with valid, same or equal <c>pads</c> on all four sides;
/// <c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> after a Dense or Conv; <c>MaxPool</c>, <c>AveragePool</c>;
/// <c>GlobalAveragePool</c> (then <c>Flatten</c>) or <c>ReduceMean</c> over height and width (global average pooling);
/// <c>Resize</c> or <c>Upsample</c>, nearest by a whole factor (upsampling); <c>Flatten</c> and <c>Reshape</c> to
/// [batch, −1]; <c>Dropout</c> and <c>Identity</c> (left out). <c>Constant</c> nodes are read as initializers.
/// Sequence models: <c>LSTM</c>, <c>GRU</c> (PyTorch's, <c>linear_before_reset = 1</c>) and <c>RNN</c> (tanh) with zero initial states and optional <c>sequence_lens</c> from a
/// lengths input, the <c>Transpose</c> between batch-major and time-major, <c>Y_h</c> or <c>Y</c> (every step, or its
/// last step by <c>Gather</c>), Dense per step, and an embedding's <c>Gather</c> on token ids. Attention models do not
/// import yet.
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
        // Constant nodes (PyTorch's exporter writes Resize's scales and Reshape's shape as such) are initializers by another name.
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (node.OpType == "Constant" && node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } constant) initializers[node.Output[0]] = constant;
            else nodes.Add(node);
        }
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        var side = RecurrentSideInputs.Find(nodes, initializers, inputs.Select(i => i.Name).ToList());
        bool sequence = nodes.Any(n => n.OpType is "LSTM" or "GRU" or "RNN");
        // A sequence model may have a second input, the lengths its recurrent nodes read as sequence_lens.
        var dataInputs = inputs.Where(i => i.Name != side.Lengths).ToList();
        if (dataInputs.Count != 1) throw new NotSupportedException($"The graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); DslNet imports networks with one{(sequence ? ", and the lengths of a sequence (read as an LSTM's, GRU's or RNN's sequence_lens)" : "")}.");
        if (graph.Output.Count != 1) throw new NotSupportedException($"The graph has {graph.Output.Count} outputs; DslNet imports networks with one.");
        var input = dataInputs[0];
        var inputDims = input.Type?.TensorType?.Shape?.Dim.ToList() ?? [];
        long[] dims;
        bool tokens = false;
        if (sequence)
        {
            // [batch, time, features] or [batch, time] of token ids (time-major: [time, batch, ...]); the time axis may be dynamic.
            tokens = inputDims.Count == 2;
            if (inputDims.Count != 3 && !tokens || !tokens && inputDims[2].DimValue <= 0)
                throw new NotSupportedException($"Input '{input.Name}' of a recurrent model must be [batch, time, features] with a fixed number of features, or [batch, time] of token ids (or time-major: [time, batch, ...]); found rank {inputDims.Count}.");
            dims = tokens ? [] : [inputDims[2].DimValue];
        }
        else
        {
            dims = inputDims.Skip(1).Select(d => d.DimValue).ToArray();
            if (dims.Length == 0 || dims.Any(d => d <= 0)) throw new NotSupportedException($"Input '{input.Name}' needs fixed sizes behind its batch axis.");
        }

        var layers = new List<ImportedLayer>();
        string current = input.Name;
        var shape = dims.Select(d => (int)d).ToArray();
        // Where a sequence stands: the axes of the current tensor, and for a recurrent node just read, its outputs.
        var steps = sequence ? StepAxes.Unknown : StepAxes.None;
        bool? inputTimeMajor = null;
        RecurrentOutputs? recurrent = null;
        var earlierStates = new HashSet<string>(StringComparer.Ordinal); // Y_h of the recurrent nodes before
        // After a global average pooling ONNX still has [N, C, 1, 1] where DslNet has [C]: a Flatten must come next (or nothing).
        string? unflattenedPool = null;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (side.Nodes.Contains(node)) continue;
            string Name() => $"Node '{node.Name}' ({node.OpType})";
            if (recurrent is not null)
            {
                // The next layer reads Y (every step) or Y_h (the last state) of the recurrent node.
                (current, recurrent) = Recurrent(node, recurrent, initializers, earlierStates, ref steps, Name());
                continue;
            }
            bool embedding = node.OpType == "Gather" && node.Input.Count == 2 && node.Input[1] == current && tokens && layers.Count == 0;
            bool tokenCast = node.OpType == "Cast" && tokens && layers.Count == 0 && node.Input[0] == current;
            if (embedding || tokenCast)
            {
                if (embedding)
                {
                    var table = ConstantInput(node, 0, initializers, Name());
                    if (table.Dims.Count != 2 || Attribute(node, "axis", 0) != 0) throw new NotSupportedException($"{Name()}: an embedding gathers rows (axis 0) of a [vocabulary, dimension] table.");
                    layers.Add(new ImportedLayer("embedding", $"embedding {table.Dims[0]} {table.Dims[1]}", false, [("weight", new([table.Dims[0], table.Dims[1]], Values(table, Name())))]));
                    shape = [(int)table.Dims[1]];
                }
                current = node.Output[0];
                continue;
            }
            if (node.Input.Count == 0 || node.Input[0] != current)
            {
                throw new NotSupportedException($"{Name()} reads '{string.Join("', '", node.Input)}', not the output of the node before it: DslNet imports one chain of layers.");
            }
            if (unflattenedPool is not null && node.OpType is not ("Flatten" or "Reshape" or "Dropout" or "Identity"))
            {
                throw new NotSupportedException($"{Name()} follows {unflattenedPool}, which leaves [batch, channels, 1, 1]: DslNet's global_average_pool2d gives [channels], so only a Flatten (or Reshape to [batch, channels]) may come next.");
            }
            TensorProto Weight(int index) => index < node.Input.Count && initializers.TryGetValue(node.Input[index], out var t) ? t
                : throw new NotSupportedException($"{Name()}: input {index} must be a constant (an initializer).");
            if (steps != StepAxes.None && node.OpType is not ("MatMul" or "Transpose" or "LSTM" or "GRU" or "RNN" or "Gather" or "Mul" or "Relu" or "Sigmoid" or "Tanh" or "Softmax" or "Dropout" or "Identity"))
            {
                throw new NotSupportedException($"{Name()} reads a sequence [{(steps == StepAxes.TimeMajor ? "time, batch" : "batch, time")}, ...]: DslNet imports, on sequences, LSTM, GRU and RNN (tanh) nodes, Dense layers applied to every step (MatMul and Add) with their activations, the Transpose between batch-major and time-major, and the last step (Gather).");
            }
            switch (node.OpType)
            {
                case "Transpose":
                    {
                        if (steps == StepAxes.None || !Ints(node, "perm", []).SequenceEqual([1L, 0, 2]))
                            throw new NotSupportedException($"{Name()}: only the Transpose perm [1, 0, 2] between batch-major and time-major sequences imports (found perm {Text(Ints(node, "perm", []))}).");
                        if (steps == StepAxes.Unknown) inputTimeMajor = false;
                        steps = steps == StepAxes.TimeMajor ? StepAxes.BatchMajor : StepAxes.TimeMajor;
                        break;
                    }
                case "LSTM" or "GRU" or "RNN":
                    {
                        if (steps == StepAxes.BatchMajor)
                            throw new NotSupportedException($"{Name()} reads a batch-major sequence [batch, time, ...]; ONNX's {node.OpType} with layout 0 reads [time, batch, ...] (PyTorch's exporter puts a Transpose before it).");
                        if (steps == StepAxes.Unknown) inputTimeMajor = true;
                        if (shape.Length != 1) throw new NotSupportedException($"{Name()}: reads steps of {Text(shape)}; DslNet's recurrent layers read a vector per step.");
                        var layer = RecurrentImport.Layer(node, shape[0], name => initializers.TryGetValue(name, out var t) ? t : null, t => Values(t, Name()));
                        layers.Add(layer);
                        recurrent = new RecurrentOutputs(node.Output.ElementAtOrDefault(0) ?? "", node.Output.ElementAtOrDefault(1) ?? "", node.Output.ElementAtOrDefault(2) ?? "", layer);
                        steps = StepAxes.TimeMajor;
                        shape = [(int)layer.Tensors[1].Tensor.Shape[1]]; // weight_hh_l0 [gates·units, units]
                        continue;
                    }
                case "Gather" when steps != StepAxes.None:
                    {
                        // y[:, -1] (batch-major) or y[-1] (time-major): the last step of a recurrent layer's every-step output.
                        long timeAxis = steps == StepAxes.TimeMajor ? 0 : 1;
                        var indexTensor = node.Input.Count > 1 && initializers.TryGetValue(node.Input[1], out var t) ? t : null;
                        var index = indexTensor is { Dims.Count: 0 } ? Values64(indexTensor, Name()) : null;
                        long time = inputDims.Count > 0 && inputTimeMajor is { } timeMajor ? inputDims[timeMajor ? 0 : 1].DimValue : 0;
                        bool last = index is [var at] && (at == -1 || (time > 0 && at == time - 1));
                        if (steps is not (StepAxes.TimeMajor or StepAxes.BatchMajor) || Attribute(node, "axis", 0) != timeAxis || !last)
                            throw new NotSupportedException($"{Name()}: on a sequence only the last step (a scalar index -1 on the time axis, {timeAxis} here) imports, as a recurrent layer without return_sequences.");
                        if (layers.LastOrDefault() is not { Kind: "lstm" or "simplernn", ReturnsSequences: true } lastLayer)
                            throw new NotSupportedException($"{Name()}: the last step imports only right after a recurrent layer's every-step output (the layer then returns its last state).");
                        if (side.Lengths is not null)
                            throw new NotSupportedException($"{Name()}: with sequence_lens, ONNX's last step of Y is zero for a shorter sequence, where DslNet's layer gives the state at the sequence's own last step: take the recurrent node's Y_h (PyTorch's h_n) instead.");
                        lastLayer.ReturnsSequences = false;
                        steps = StepAxes.None;
                        break;
                    }
                case "Mul" when steps != StepAxes.None && node.Input.Count == 2 && side.StepMasks.Contains(node.Input[1]) && nodes.Skip(i + 1).All(n => n.OpType == "Identity" || side.Nodes.Contains(n)):
                    break; // the output's steps past each length set to zero, as DslNet's sequence output has them
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
                        bool same = !valid && (autoPad == "SAME_UPPER" || (autoPad == "NOTSET" && pads.SequenceEqual([totalHeight / 2, totalWidth / 2, totalHeight - totalHeight / 2, totalWidth - totalWidth / 2])));
                        // PyTorch's integer padding: the same number of zeros on all four sides.
                        long pad = !valid && !same && autoPad == "NOTSET" && pads.Length == 4 && pads.All(p => p == pads[0]) ? pads[0] : 0;
                        if (!valid && !same && (pad < 1 || shape[1] + 2 * pad < k || shape[2] + 2 * pad < k))
                            throw new NotSupportedException($"{Name()}: pads {Text(pads)} (auto_pad {autoPad}) are neither none, nor DslNet's same padding ({Text([totalHeight / 2, totalWidth / 2, totalHeight - totalHeight / 2, totalWidth - totalWidth / 2])} here), " +
                                $"nor the same count of at least 1 on all four sides that leaves the {k}×{k} kernel room in {Text(shape)} (PyTorch's padding=p).");
                        var bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? Values(Weight(2), Name()) : new float[filters];
                        string padding = valid ? "" : same ? " padding=same" : $" padding_size={pad}";
                        string statement = $"conv2d {filters} kernel={k}{(stride != 1 ? $" stride={stride}" : "")}{padding}";
                        layers.Add(new ImportedLayer("conv2d", statement, true, [("weight", new([filters, shape[0], k, k], Values(Weight(1), Name()))), ("bias", new([filters], bias))]));
                        shape = valid ? [filters, (shape[1] - k) / stride + 1, (shape[2] - k) / stride + 1]
                            : same ? [filters, sameHeight, sameWidth]
                            : [filters, (int)((shape[1] + 2 * pad - k) / stride + 1), (int)((shape[2] + 2 * pad - k) / stride + 1)];
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
                case "GlobalAveragePool":
                    {
                        if (shape.Length != 3) throw new NotSupportedException($"{Name()}: a global average pooling reads [channels, height, width], here {Text(shape)}.");
                        layers.Add(new ImportedLayer("globalaveragepool2d", "global_average_pool2d", false, []));
                        shape = [shape[0]];
                        unflattenedPool = Name();
                        current = node.Output[0];
                        continue;
                    }
                case "ReduceMean":
                    {
                        // x.mean((2, 3)) in PyTorch: the mean over height and width, a global average pooling.
                        var axes = node.Input.Count > 1 && node.Input[1].Length > 0 ? Values64(Weight(1), Name()) : Ints(node, "axes", []);
                        var normalised = axes.Select(a => a < 0 ? a + 4 : a).Order().ToArray();
                        if (shape.Length != 3 || !normalised.SequenceEqual([2L, 3L]))
                            throw new NotSupportedException($"{Name()}: only a mean over height and width (axes [2, 3] of [batch, channels, height, width]) imports, as global_average_pool2d; found axes {Text(axes)} of [batch, {string.Join(", ", shape)}].");
                        layers.Add(new ImportedLayer("globalaveragepool2d", "global_average_pool2d", false, []));
                        shape = [shape[0]];
                        if (Attribute(node, "keepdims", 1) != 0) unflattenedPool = Name();
                        current = node.Output[0];
                        continue;
                    }
                case "Resize" or "Upsample":
                    {
                        if (shape.Length != 3) throw new NotSupportedException($"{Name()}: an upsampling reads [channels, height, width], here {Text(shape)}.");
                        int factor = NearestUpsamplingFactor(node, shape, Weight, Name());
                        layers.Add(new ImportedLayer("upsample2d", $"upsample2d {factor}", false, []));
                        shape = [shape[0], shape[1] * factor, shape[2] * factor];
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
                        unflattenedPool = null;
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
                            if (last.Kind != "dense" || (axis != -1 && axis != (steps == StepAxes.None ? 1 : 2))) throw new NotSupportedException($"{Name()}: softmax imports over a Dense layer's units only.");
                        }
                        last.Activation = node.OpType.ToLowerInvariant();
                        break;
                    }
                case "Dropout" or "Identity":
                    break; // inference: nothing
                default:
                    throw new NotSupportedException(tokens && layers.Count == 0
                        ? $"{Name()}: a sequence of token ids must go into an embedding first (a Gather of a constant table's rows)."
                        : $"{Name()}: DslNet has no layer for the operator {node.OpType}.");
            }
            current = node.Output[0];
        }
        if (recurrent is not null) throw new NotSupportedException($"The graph's output is an output of the recurrent node of layer {layers.Count} ([1, batch, units] or [time, 1, batch, units]); DslNet's layer gives [batch, units] or [batch, time, units]: squeeze it.");
        if (current != graph.Output[0].Name) throw new NotSupportedException($"The chain of layers ends at '{current}', not at the graph's output '{graph.Output[0].Name}'.");
        if (layers.Count == 0) throw new NotSupportedException("The model has no layer DslNet can declare.");
        var notes = new List<string>();
        if (sequence)
        {
            notes.Add(inputTimeMajor == true
                ? "time-major in ONNX ([time, batch, ...]); DslNet's network takes [batch, time, ...] and gives a sequence batch-major"
                : "batch-major in ONNX ([batch, time, ...]), as DslNet takes it");
            notes.Add(side.Lengths is { } lengths
                ? $"ONNX's input '{lengths}' (sequence_lens) is the lengths argument of Forward"
                : "no sequence_lens in ONNX: every sample runs all its steps there; give DslNet's Forward full lengths to match it");
        }
        return Write(className, source, model, shape, sequence ? (tokens ? "sequence" : $"sequence {dims[0]}") : string.Join(", ", dims), layers, notes) with { IsSequence = sequence };
    }

    private static OnnxImportResult Write(string className, string source, ModelProto model, int[] outputShape, string input, List<ImportedLayer> layers, List<string> notes)
    {
        var text = new StringBuilder();
        text.Append($"# Imported from {source} ({(model.ProducerName.Length > 0 ? model.ProducerName + " " + model.ProducerVersion : "unknown producer")}, opset {model.OpsetImport.FirstOrDefault(o => o.Domain.Length == 0)?.Version}) by DslNet; output {Text(outputShape)}\n");
        foreach (var note in notes) text.Append($"# {note}\n");
        text.Append($"network {className}\n");
        text.Append($"input {input}\n");
        var weights = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            text.Append(layer.Statement).Append(layer.ReturnsSequences ? " return_sequences=true" : "").Append(layer.Activation is null ? "" : " activation=" + layer.Activation).Append('\n');
            foreach (var (part, tensor) in layer.Tensors) weights.Add($"{layer.Kind}{i + 1}.{part}", tensor);
        }
        return new OnnxImportResult(text.ToString(), weights);
    }

    /// <summary>
    /// The integer factor f of a Resize (or the older Upsample) that is DslNet's upsample2d: nearest mode, scales
    /// [1, 1, f, f] (or sizes [N, C, f·H, f·W]), and coordinates that pick input pixel ⌊i / f⌋ for output pixel i. That last
    /// is checked by computing ONNX's own mapping for this height and width, so asymmetric with floor (PyTorch's
    /// exporter), half_pixel with rounding (ONNX's default) and any other combination that replicates are all accepted.
    /// </summary>
    private static int NearestUpsamplingFactor(NodeProto node, int[] shape, Func<int, TensorProto> weight, string name)
    {
        string mode = AttributeString(node, "mode", "nearest");
        if (mode != "nearest") throw new NotSupportedException($"{name}: DslNet's upsample2d is nearest-neighbour; found mode '{mode}'.");
        // Resize: X, roi, scales, sizes (opset 11 on; opset 10 has X, scales). Upsample: X, scales.
        int scalesInput = node.OpType == "Upsample" || node.Input.Count == 2 ? 1 : 2;
        bool HasInput(int index) => index < node.Input.Count && node.Input[index].Length > 0;
        double[] scales;
        if (HasInput(scalesInput) && weight(scalesInput) is { } scaleTensor && ElementCount(scaleTensor) > 0)
        {
            scales = Values(scaleTensor, name).Select(v => (double)v).ToArray();
        }
        else if (node.OpType == "Resize" && HasInput(3))
        {
            var sizes = Values64(weight(3), name);
            if (sizes.Length != 4 || sizes[1] != shape[0])
                throw new NotSupportedException($"{name}: sizes {Text(sizes)} are not [batch, {shape[0]}, height, width].");
            scales = [1, 1, (double)sizes[2] / shape[1], (double)sizes[3] / shape[2]];
        }
        else
        {
            throw new NotSupportedException($"{name}: needs constant scales or sizes.");
        }
        if (scales.Length != 4 || scales[0] != 1 || scales[1] != 1 || scales[2] != scales[3] || scales[2] < 1 || scales[2] != Math.Floor(scales[2]))
            throw new NotSupportedException($"{name}: DslNet's upsample2d scales height and width by the same whole number, batch and channels by 1; found scales {Text(scales)}.");
        int factor = (int)scales[2];
        string transform = node.OpType == "Upsample" ? "asymmetric" : AttributeString(node, "coordinate_transformation_mode", "half_pixel");
        string rounding = node.OpType == "Upsample" ? "floor" : AttributeString(node, "nearest_mode", "round_prefer_floor");
        foreach (int length in new[] { shape[1], shape[2] })
        {
            for (int i = 0; i < length * factor; i++)
            {
                double source = SourceCoordinate(transform, i, factor, length, name);
                long picked = Math.Clamp(Round(rounding, source, name), 0, length - 1);
                if (picked != i / factor)
                    throw new NotSupportedException($"{name}: with coordinate_transformation_mode '{transform}' and nearest_mode '{rounding}', output pixel {i} reads input pixel {picked}, not {i / factor}: that is not DslNet's upsample2d (each value repeated over a {factor} × {factor} block).");
            }
        }
        return factor;
    }

    // ONNX's Resize: the input coordinate an output coordinate maps to, per coordinate_transformation_mode.
    private static double SourceCoordinate(string transform, int i, int factor, int length, string name)
    {
        int outputLength = length * factor;
        return transform switch
        {
            "asymmetric" => (double)i / factor,
            "half_pixel" => (i + 0.5) / factor - 0.5,
            "pytorch_half_pixel" => outputLength > 1 ? (i + 0.5) / factor - 0.5 : 0,
            "tf_half_pixel_for_nn" => (i + 0.5) / factor,
            "align_corners" => outputLength > 1 ? i * (length - 1.0) / (outputLength - 1.0) : 0,
            _ => throw new NotSupportedException($"{name}: coordinate_transformation_mode '{transform}' is not one DslNet's importer knows (asymmetric, half_pixel, pytorch_half_pixel, tf_half_pixel_for_nn, align_corners)."),
        };
    }

    private static long Round(string rounding, double x, string name) => rounding switch
    {
        "floor" => (long)Math.Floor(x),
        "ceil" => (long)Math.Ceiling(x),
        "round_prefer_floor" => x - Math.Floor(x) == 0.5 ? (long)Math.Floor(x) : (long)Math.Round(x),
        "round_prefer_ceil" => x - Math.Floor(x) == 0.5 ? (long)Math.Ceiling(x) : (long)Math.Round(x),
        _ => throw new NotSupportedException($"{name}: nearest_mode '{rounding}' is not one of floor, ceil, round_prefer_floor, round_prefer_ceil."),
    };

    /// <summary>
    /// The node after a recurrent node: a Squeeze of Y's direction axis (every step, time-major) or of Y_h's (the last
    /// state), a Gather of Y_h's only direction, or the Concat of several layers' Y_h (whose last entry a Gather must then
    /// take). Gives the tensor the chain continues with, and the recurrent outputs still pending after a Concat.
    /// </summary>
    private static (string Current, RecurrentOutputs? Pending) Recurrent(NodeProto node, RecurrentOutputs outputs, Dictionary<string, TensorProto> initializers, HashSet<string> earlierStates, ref StepAxes steps, string name)
    {
        string reads = node.Input.Count > 0 ? node.Input[0] : "";
        long[] Axes() => node.Input.Count > 1 && node.Input[1].Length > 0
            ? (initializers.TryGetValue(node.Input[1], out var t) ? Values64(t, name) : throw new NotSupportedException($"{name}: its axes must be a constant."))
            : Ints(node, "axes", []);
        if (outputs.CellState.Length > 0 && node.Input.Contains(outputs.CellState))
            throw new NotSupportedException($"{name} reads Y_c, the LSTM's cell state: DslNet's lstm gives its hidden state only (Y or Y_h).");
        if (node.OpType == "Concat" && node.Input.Count > 1 && node.Input[^1] == outputs.LastState && outputs.Stacked == 1)
        {
            // h_n of an nn.LSTM(num_layers=n): the layers' Y_h stacked; the h_n[-1] that must follow is this layer's.
            if (Attribute(node, "axis", 0) != 0 || !node.Input.SkipLast(1).All(earlierStates.Contains))
                throw new NotSupportedException($"{name}: only the Y_h of recurrent nodes before it, stacked on axis 0 (PyTorch's h_n of several layers), imports, and then only its last entry.");
            earlierStates.Add(outputs.LastState);
            return (node.Output[0], outputs with { LastState = node.Output[0], Steps = "", CellState = "", Stacked = node.Input.Count });
        }
        if (reads.Length > 0 && reads == outputs.LastState)
        {
            int lastIndex = outputs.Stacked - 1;
            bool squeeze = node.OpType == "Squeeze" && outputs.Stacked == 1 && Axes().SequenceEqual([0L]);
            bool gather = node.OpType == "Gather" && Attribute(node, "axis", 0) == 0 && node.Input.Count > 1 && initializers.TryGetValue(node.Input[1], out var index)
                && index.Dims.Count == 0 && Values64(index, name) is [var at] && (at == -1 || at == lastIndex);
            if (!squeeze && !gather)
                throw new NotSupportedException(outputs.Stacked == 1
                    ? $"{name} reads Y_h [1, batch, units]: only its one direction imports (Squeeze of axis 0, or Gather of index 0 or -1 on axis 0: PyTorch's h_n[-1])."
                    : $"{name} reads the h_n of {outputs.Stacked} stacked layers: only the last layer's (Gather of index -1 or {lastIndex} on axis 0: h_n[-1]) imports, as the last layer gives it.");
            steps = StepAxes.None;
            return (node.Output[0], null);
        }
        earlierStates.Add(outputs.LastState);
        if (reads.Length > 0 && reads == outputs.Steps)
        {
            if (node.OpType != "Squeeze" || !Axes().SequenceEqual([1L]))
                throw new NotSupportedException($"{name} reads Y [time, 1, batch, units]: only a Squeeze of its direction axis (1) imports.");
            outputs.Layer.ReturnsSequences = true;
            steps = StepAxes.TimeMajor;
            return (node.Output[0], null);
        }
        throw new NotSupportedException($"{name} reads '{string.Join("', '", node.Input)}', not Y or Y_h of the recurrent node before it: DslNet imports one chain of layers.");
    }

    private static TensorProto ConstantInput(NodeProto node, int index, Dictionary<string, TensorProto> initializers, string name) =>
        index < node.Input.Count && initializers.TryGetValue(node.Input[index], out var t) ? t
            : throw new NotSupportedException($"{name}: input {index} must be a constant (an initializer).");

    private static long ElementCount(TensorProto tensor) => tensor.Dims.Aggregate(1L, (product, d) => product * d);

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
        DslNet.CompilerServices.WeightTranspose.Copy(values, 0, rows, columns, result);
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

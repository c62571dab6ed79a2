using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.Onnx.Protobuf;

namespace DslNet.Onnx.Import;

/// <summary>
/// An ONNX <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> node as DslNet's <c>lstm</c>, <c>gru</c> or <c>simple_rnn</c>: the
/// attributes DslNet's cell has (one forward direction, default activations, no clip, no peepholes, time-major layout,
/// and for a GRU <c>linear_before_reset = 1</c>, PyTorch's) are checked, and W, R and B become PyTorch's
/// <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>, which <see cref="PyTorchWeights"/>
/// maps onto the layer. ONNX's LSTM gate blocks are i, o, f, c (PyTorch's i, f, g, o); its GRU's z, r, h (PyTorch's r, z, n).
/// </summary>
internal static class RecurrentImport
{
    /// <summary>For each PyTorch gate block (i, f, g, o), the ONNX block (i, o, f, c) it comes from.</summary>
    private static readonly int[] s_lstmGates = [0, 2, 3, 1];
    private static readonly int[] s_rnnGates = [0];
    /// <summary>For each PyTorch gate block (r, z, n), the ONNX block (z, r, h) it comes from.</summary>
    private static readonly int[] s_gruGates = [1, 0, 2];

    /// <param name="node">The LSTM, GRU or RNN node.</param>
    /// <param name="inputs">The size of one step of its input.</param>
    /// <param name="constant">The initializer of an input, or null when the input is not a constant.</param>
    /// <param name="values">Reads a float tensor.</param>
    public static ImportedLayer Layer(NodeProto node, int inputs, Func<string, TensorProto?> constant, Func<TensorProto, float[]> values)
    {
        string name = $"Node '{node.Name}' ({node.OpType})";
        bool lstm = node.OpType == "LSTM", gru = node.OpType == "GRU";
        string keyword = lstm ? "lstm" : gru ? "gru" : "simple_rnn", module = lstm ? "nn.LSTM" : gru ? "nn.GRU" : "nn.RNN";
        var attributes = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        string direction = attributes.TryGetValue("direction", out var d) ? d.S.ToStringUtf8() : "forward";
        if (direction != "forward")
            throw new NotSupportedException($"{name}: direction '{direction}' is not supported: DslNet's {keyword} runs forward only ({(direction == "bidirectional" ? $"a bidirectional PyTorch {module} has no DslNet layer" : "reverse the sequence before the network instead")}).");
        if (gru && (!attributes.TryGetValue("linear_before_reset", out var linear) || linear.I == 0))
            throw new NotSupportedException($"{name}: linear_before_reset = 0 (the reset gate applied to h before the recurrent product, Keras' reset_after=False) is not supported; DslNet's gru applies it after the product and its bias (linear_before_reset = 1), as PyTorch's nn.GRU does.");
        if (attributes.ContainsKey("clip"))
            throw new NotSupportedException($"{name}: clip is not supported: DslNet's cell does not clip its gate inputs.");
        if (attributes.TryGetValue("input_forget", out var coupled) && coupled.I != 0)
            throw new NotSupportedException($"{name}: input_forget = 1 (coupled input and forget gates) is not supported.");
        if (attributes.TryGetValue("layout", out var layout) && layout.I != 0)
            throw new NotSupportedException($"{name}: layout = {layout.I} (batch-major) is not supported; DslNet reads the time-major layout 0 that PyTorch's exporter writes.");
        string[] defaults = lstm ? ["Sigmoid", "Tanh", "Tanh"] : gru ? ["Sigmoid", "Tanh"] : ["Tanh"];
        if (attributes.TryGetValue("activations", out var activations) && !activations.Strings.Select(s => s.ToStringUtf8()).SequenceEqual(defaults, StringComparer.OrdinalIgnoreCase))
            throw new NotSupportedException($"{name}: activations [{string.Join(", ", activations.Strings.Select(s => s.ToStringUtf8()))}] are not supported; DslNet's {keyword} uses [{string.Join(", ", defaults)}]{(lstm || gru ? "" : " (a PyTorch nn.RNN with nonlinearity='relu' has no DslNet layer)")}.");
        if (attributes.ContainsKey("activation_alpha") || attributes.ContainsKey("activation_beta"))
            throw new NotSupportedException($"{name}: activation_alpha and activation_beta are not supported.");
        if (lstm && node.Input.Count > 7 && node.Input[7].Length > 0)
        {
            var peepholes = constant(node.Input[7]);
            if (peepholes is null || values(peepholes).Any(v => v != 0))
                throw new NotSupportedException($"{name}: peephole weights (input P) are not supported: DslNet's lstm has no peepholes.");
        }

        TensorProto Weight(int index, string what) => index < node.Input.Count && node.Input[index].Length > 0 && constant(node.Input[index]) is { } t ? t
            : throw new NotSupportedException($"{name}: {what} (input {index}) must be a constant (an initializer).");
        if (!attributes.TryGetValue("hidden_size", out var hidden) || hidden.I <= 0)
            throw new NotSupportedException($"{name}: needs its hidden_size attribute.");
        int units = (int)hidden.I;
        var gates = lstm ? s_lstmGates : gru ? s_gruGates : s_rnnGates;
        int g = gates.Length * units;
        var w = Weight(1, "W");
        var r = Weight(2, "R");
        if (!w.Dims.SequenceEqual([1L, g, inputs]))
            throw new NotSupportedException($"{name}: W has shape [{string.Join(", ", w.Dims)}]; one direction of {units} units over {inputs} inputs is [1, {g}, {inputs}].");
        if (!r.Dims.SequenceEqual([1L, g, units]))
            throw new NotSupportedException($"{name}: R has shape [{string.Join(", ", r.Dims)}]; one direction of {units} units is [1, {g}, {units}].");
        float[] bias = node.Input.Count > 3 && node.Input[3].Length > 0 ? values(Weight(3, "B")) : new float[2 * g];
        if (bias.Length != 2 * g)
            throw new NotSupportedException($"{name}: B has {bias.Length} values; one direction of {units} units has [1, {2 * g}].");
        var tensors = new List<(string, SafetensorsTensor)>
        {
            ("weight_ih_l0", new([g, inputs], Reorder(values(w), inputs, units, gates))),
            ("weight_hh_l0", new([g, units], Reorder(values(r), units, units, gates))),
            ("bias_ih_l0", new([g], Reorder(bias[..g], 1, units, gates))),
            ("bias_hh_l0", new([g], Reorder(bias[g..], 1, units, gates))),
        };
        return new ImportedLayer(lstm ? "lstm" : gru ? "gru" : "simplernn", $"{keyword} {units}", false, tensors);
    }

    /// <summary>ONNX's [gates·u, rows] (gate blocks i, o, f, c, or z, r, h) as PyTorch's (i, f, g, o, or r, z, n): rows move as blocks.</summary>
    private static float[] Reorder(float[] onnx, int rows, int units, int[] gates)
    {
        var torch = new float[onnx.Length];
        int block = units * rows;
        for (int q = 0; q < gates.Length; q++) Array.Copy(onnx, gates[q] * block, torch, q * block, block);
        return torch;
    }
}

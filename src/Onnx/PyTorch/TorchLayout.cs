using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx.PyTorch;

/// <summary>
/// The PyTorch state_dict a DslNet network corresponds to, layer by layer, with the module each layer is in PyTorch:
/// Dense ↔ nn.Linear, Conv2D ↔ nn.Conv2d, Embedding and learned PositionalEncoding ↔ nn.Embedding, LayerNorm ↔
/// nn.LayerNorm, SimpleRnn ↔ nn.RNN (tanh), Lstm ↔ nn.LSTM and Gru ↔ nn.GRU (one layer, batch_first or not: the
/// weights are the same; a Gru keeps both of PyTorch's biases, so they load and save one to one),
/// MultiHeadSelfAttention ↔ nn.MultiheadAttention, TransformerBlock ↔ nn.TransformerEncoderLayer(norm_first=True).
/// </summary>
internal static class TorchLayout
{
    /// <summary>PyTorch's LSTM gate blocks i, f, g, o, each taken from DslNet's block (i, f, o, g).</summary>
    private static readonly int[] s_lstmGates = [0, 1, 3, 2];
    private static readonly int[] s_rnnGates = [0];
    /// <summary>PyTorch's GRU gate blocks r, z, n: DslNet keeps PyTorch's order.</summary>
    private static readonly int[] s_gruGates = [0, 1, 2];

    public static List<TorchTensorMapping> For(IDescribedNetwork network, IReadOnlyDictionary<string, string>? modules)
    {
        var slices = network.Layout.ToDictionary(s => (s.Layer, s.Name));
        var mappings = new List<TorchTensorMapping>();
        foreach (var layer in network.Description.Layers)
        {
            string module = modules is not null && modules.TryGetValue(layer.Name, out var mapped) ? mapped : layer.Name;
            string Torch(string name) => module.Length == 0 ? name : module + "." + name;
            ParameterSlice Slice(string part) => slices.TryGetValue((layer.Name, part), out var slice) ? slice
                : throw new InvalidOperationException($"The network's layout has no parameter '{layer.Name}.{part}'.");
            void Add(string name, int[] index, IEnumerable<int> shape, bool savesParameters = true) =>
                mappings.Add(new TorchTensorMapping(Torch(name), shape.Select(d => (long)d).ToArray(), index, savesParameters));
            void Linear(string prefix, string weight, string bias)
            {
                var w = Slice(weight);
                Add(prefix + "weight", TorchIndex.Transposed(w), [w.Shape[1], w.Shape[0]]);
                var b = Slice(bias);
                Add(prefix + "bias", TorchIndex.Same(b), b.Shape);
            }
            void Norm(string prefix, string gain, string bias)
            {
                var g = Slice(gain);
                Add(prefix + "weight", TorchIndex.Same(g), g.Shape);
                var b = Slice(bias);
                Add(prefix + "bias", TorchIndex.Same(b), b.Shape);
            }
            void Attention(string prefix, string weight, string bias, string outputWeight, string outputBias)
            {
                var w = Slice(weight);
                Add(prefix + "in_proj_weight", TorchIndex.Transposed(w), [w.Shape[1], w.Shape[0]]);
                var b = Slice(bias);
                Add(prefix + "in_proj_bias", TorchIndex.Same(b), b.Shape);
                Linear(prefix + "out_proj.", outputWeight, outputBias);
            }
            void Recurrent(int units, int[] gates)
            {
                var w = Slice("weight");
                var u = Slice("recurrent");
                var b = Slice("bias");
                int n = w.Shape[0], g = gates.Length * units;
                Add("weight_ih_l0", TorchIndex.Gates(w, n, units, gates), [g, n]);
                Add("weight_hh_l0", TorchIndex.Gates(u, units, units, gates), [g, units]);
                // DslNet has one bias, PyTorch two that it adds: loading sums them, saving writes the bias and zeros.
                Add("bias_ih_l0", TorchIndex.Gates(b, 0, units, gates), [g]);
                Add("bias_hh_l0", TorchIndex.Gates(b, 0, units, gates), [g], savesParameters: false);
            }
            void Gru(int units)
            {
                var w = Slice("weight");
                var u = Slice("recurrent");
                int n = w.Shape[0], g = s_gruGates.Length * units;
                Add("weight_ih_l0", TorchIndex.Gates(w, n, units, s_gruGates), [g, n]);
                Add("weight_hh_l0", TorchIndex.Gates(u, units, units, s_gruGates), [g, units]);
                Add("bias_ih_l0", TorchIndex.Gates(Slice("bias"), 0, units, s_gruGates), [g]);
                Add("bias_hh_l0", TorchIndex.Gates(Slice("recurrentBias"), 0, units, s_gruGates), [g]);
            }
            switch (layer)
            {
                case DenseDescription:
                    Linear("", "weight", "bias");
                    break;
                case Conv2DDescription:
                    var kernel = Slice("weight");
                    Add("weight", TorchIndex.Kernel(kernel), [kernel.Shape[3], kernel.Shape[0], kernel.Shape[1], kernel.Shape[2]]);
                    var convBias = Slice("bias");
                    Add("bias", TorchIndex.Same(convBias), convBias.Shape);
                    break;
                case ConvTranspose2DDescription:
                    var transposed = Slice("weight");
                    Add("weight", TorchIndex.TransposedKernel(transposed), [transposed.Shape[0], transposed.Shape[3], transposed.Shape[1], transposed.Shape[2]]);
                    var transposedBias = Slice("bias");
                    Add("bias", TorchIndex.Same(transposedBias), transposedBias.Shape);
                    break;
                case EmbeddingDescription or PositionalEncodingDescription { Learned: true }:
                    var table = Slice("weight");
                    Add("weight", TorchIndex.Same(table), table.Shape);
                    break;
                case LayerNormDescription:
                    Norm("", "gain", "bias");
                    break;
                case BatchNormDescription:
                    Norm("", "gain", "bias");
                    var mean = Slice("runningMean");
                    Add("running_mean", TorchIndex.Same(mean), mean.Shape);
                    var variance = Slice("runningVariance");
                    Add("running_var", TorchIndex.Same(variance), variance.Shape);
                    break;
                case SimpleRnnDescription rnn:
                    Recurrent(rnn.Units, s_rnnGates);
                    break;
                case LstmDescription lstm:
                    Recurrent(lstm.Units, s_lstmGates);
                    break;
                case GruDescription gru:
                    Gru(gru.Units);
                    break;
                case MultiHeadSelfAttentionDescription:
                    Attention("", "weight", "bias", "outputWeight", "outputBias");
                    break;
                case TransformerBlockDescription:
                    Attention("self_attn.", "attentionWeight", "attentionBias", "attentionOutputWeight", "attentionOutputBias");
                    Linear("linear1.", "feedForward1Weight", "feedForward1Bias");
                    Linear("linear2.", "feedForward2Weight", "feedForward2Bias");
                    Norm("norm1.", "norm1Gain", "norm1Bias");
                    Norm("norm2.", "norm2Gain", "norm2Bias");
                    break;
                case MaxPool2DDescription or AvgPool2DDescription or GlobalAveragePool2DDescription or Upsample2DDescription or FlattenDescription or DropoutDescription or PositionalEncodingDescription
                    or AddDescription or ConcatenateDescription:
                    break; // no parameters
                default:
                    throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) has no PyTorch counterpart in this mapping.");
            }
        }
        var covered = new bool[network.ParameterCount];
        foreach (var mapping in mappings) foreach (int i in mapping.Index) covered[i] = true;
        int missing = Array.IndexOf(covered, false);
        if (missing >= 0)
        {
            var slice = network.Layout.First(s => s.Offset <= missing && missing < s.Offset + s.Length);
            throw new InvalidOperationException($"Parameter {slice} has no PyTorch tensor in the mapping.");
        }
        return mappings;
    }
}

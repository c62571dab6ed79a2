using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DslNet.Onnx.PyTorch;

namespace DslNet.Onnx;

/// <summary>
/// A PyTorch model's weights (its <c>state_dict</c> saved as safetensors) into a declared DslNet network, and back.
/// </summary>
/// <remarks>
/// Each DslNet layer is a PyTorch module whose name is the layer's own (<c>dense1</c>) unless <c>modules</c> maps it
/// (<c>{"dense1": "fc1"}</c>; an empty name means the tensors have no prefix). Layouts are converted: Linear's weight
/// [out, in] is Dense's [in, out]; Conv2d's [F, C, K, K] is Conv2D's [C, K, K, F]; RNN and LSTM weights are transposed
/// and the LSTM's gate blocks reordered (PyTorch i, f, g, o; DslNet i, f, o, g), their two biases summed on loading
/// (saving writes the bias as <c>bias_ih_l0</c> and zeros as <c>bias_hh_l0</c>); MultiheadAttention's <c>in_proj</c>
/// [3d, d] is the attention's [d, 3d]. A TransformerBlock is an nn.TransformerEncoderLayer with norm_first=True.
/// </remarks>
public static class PyTorchWeights
{
    /// <summary>
    /// Replaces the parameters of <paramref name="network"/> with the tensors of the safetensors file <paramref name="path"/>.
    /// Every tensor the network needs must be there with its shape, and every tensor of the file must be used; otherwise
    /// nothing is changed and the message names the first mismatch.
    /// </summary>
    /// <exception cref="InvalidDataException">A tensor is missing, has another shape, or is not used; or the file is not valid safetensors.</exception>
    public static void Load(IDescribedNetwork network, string path, IReadOnlyDictionary<string, string>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        try
        {
            Load(network, Safetensors.Read(path), modules);
        }
        catch (InvalidDataException error) when (!error.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>As <see cref="Load(IDescribedNetwork, string, IReadOnlyDictionary{string, string}?)"/>, from tensors already read.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing, has another shape, or is not used.</exception>
    public static void Load(IDescribedNetwork network, IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(tensors);
        var mappings = TorchLayout.For(network, modules);
        var staged = new float[network.ParameterCount];
        foreach (var mapping in mappings)
        {
            if (!tensors.TryGetValue(mapping.Name, out var tensor))
            {
                throw new InvalidDataException($"Tensor '{mapping.Name}' {mapping.ShapeText} is missing; the file has: {string.Join(", ", tensors.Keys.OrderBy(k => k, StringComparer.Ordinal))}.");
            }
            if (!tensor.Shape.SequenceEqual(mapping.Shape))
            {
                throw new InvalidDataException($"Tensor '{mapping.Name}' has shape {tensor.ShapeText}; the network needs {mapping.ShapeText}.");
            }
            tensor.Check(mapping.Name);
            for (int i = 0; i < mapping.Index.Length; i++) staged[mapping.Index[i]] += tensor.Values[i];
        }
        var used = mappings.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var unused = tensors.Keys.Where(k => !used.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new InvalidDataException($"Tensor '{unused[0]}' {tensors[unused[0]].ShapeText} is not used by the network{(unused.Count > 1 ? $" (nor {unused.Count - 1} more)" : "")}; it needs: {string.Join(", ", mappings.Select(m => m.Name))}.");
        }
        staged.CopyTo(network.Parameters);
    }

    /// <summary>Writes the parameters of <paramref name="network"/> to <paramref name="path"/> as the safetensors state_dict of its PyTorch counterpart.</summary>
    public static void Save(IDescribedNetwork network, string path, IReadOnlyDictionary<string, string>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Safetensors.Write(path, ToStateDict(network, modules), new Dictionary<string, string> { ["format"] = "pt", ["producer"] = "DslNet " + network.Description.Name });
    }

    /// <summary>The network's parameters as the tensors of its PyTorch counterpart's state_dict.</summary>
    public static IReadOnlyDictionary<string, SafetensorsTensor> ToStateDict(IDescribedNetwork network, IReadOnlyDictionary<string, string>? modules = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var parameters = network.Parameters;
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var mapping in TorchLayout.For(network, modules))
        {
            var values = new float[mapping.Index.Length];
            if (mapping.SavesParameters) for (int i = 0; i < values.Length; i++) values[i] = parameters[mapping.Index[i]];
            tensors.Add(mapping.Name, new SafetensorsTensor(mapping.Shape, values));
        }
        return tensors;
    }
}

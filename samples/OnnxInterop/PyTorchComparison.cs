using System;
using System.Collections.Generic;
using System.IO;
using DslNet.Onnx;

namespace OnnxInterop;

/// <summary>PyTorch's weights loaded into <see cref="PyTorchCnn"/>, and its outputs set against the ones PyTorch computed.</summary>
public static class PyTorchComparison
{
    /// <summary>PyTorch's module names for the layers whose DslNet names differ: the Dense head.</summary>
    public static readonly IReadOnlyDictionary<string, string> Modules = new Dictionary<string, string> { ["dense5"] = "head" };

    /// <summary>
    /// Loads the state_dict <c>cnn.safetensors</c> from <paramref name="folder"/> into a new <see cref="PyTorchCnn"/>, runs
    /// the inputs of <c>cnn.io.safetensors</c> (tensors <c>input</c> and <c>output</c>, written by PyTorch) and compares with
    /// PyTorch's outputs as the reference.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing a tensor, or a tensor has the wrong shape; the message says which.</exception>
    public static OutputAgreement Run(string folder)
    {
        var network = new PyTorchCnn();
        PyTorchWeights.Load(network, Path.Combine(folder, "cnn.safetensors"), Modules);
        string ioPath = Path.Combine(folder, "cnn.io.safetensors");
        var io = Safetensors.Read(ioPath);
        if (!io.TryGetValue("input", out var input) || !io.TryGetValue("output", out var expected))
            throw new InvalidDataException($"{ioPath} needs the tensors 'input' and 'output' (PyTorch's inputs and outputs).");
        int batch = input.Shape.Count > 0 ? (int)input.Shape[0] : 0;
        if (batch == 0 || input.Values.Length != batch * PyTorchCnn.InputSize || expected.Values.Length != batch * PyTorchCnn.OutputSize)
            throw new InvalidDataException($"{ioPath}: 'input' must be [batch, 2, 8, 8] and 'output' [batch, 5]; found [{string.Join(", ", input.Shape)}] and [{string.Join(", ", expected.Shape)}].");
        var actual = new float[expected.Values.Length];
        network.Forward(input.Values, actual, batch);
        return OutputAgreement.Compare(expected.Values, actual, PyTorchCnn.OutputSize);
    }
}

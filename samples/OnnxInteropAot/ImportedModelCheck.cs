using System.IO;
using DslNet.Onnx;
using OnnxInterop;

namespace OnnxInteropAot;

/// <summary>The imported network with the imported weights, run on PyTorch's inputs and set against PyTorch's outputs.</summary>
public static class ImportedModelCheck
{
    /// <summary>
    /// Loads <c>imported/cnn.safetensors</c> (written by <c>dslnet import</c>, tensors named after the declaration's layers)
    /// into <see cref="ImportedCnn"/> and compares its outputs on <c>pytorch/cnn.io.safetensors</c>'s input with PyTorch's.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is missing a tensor or has the wrong shapes; the message says which.</exception>
    public static OutputAgreement Run(string folder)
    {
        var network = new ImportedCnn();
        PyTorchWeights.Load(network, Path.Combine(folder, "imported", "cnn.safetensors"));
        string ioPath = Path.Combine(folder, "pytorch", "cnn.io.safetensors");
        var io = Safetensors.Read(ioPath);
        if (!io.TryGetValue("input", out var input) || !io.TryGetValue("output", out var expected))
            throw new InvalidDataException($"{ioPath} needs the tensors 'input' and 'output' (PyTorch's inputs and outputs).");
        int batch = input.Shape.Count > 0 ? (int)input.Shape[0] : 0;
        if (batch == 0 || input.Values.Length != batch * ImportedCnn.InputSize || expected.Values.Length != batch * ImportedCnn.OutputSize)
            throw new InvalidDataException($"{ioPath}: 'input' must be [batch, 2, 8, 8] and 'output' [batch, 5]; found [{string.Join(", ", input.Shape)}] and [{string.Join(", ", expected.Shape)}].");
        var actual = new float[expected.Values.Length];
        network.Forward(input.Values, actual, batch);
        return OutputAgreement.Compare(expected.Values, actual, ImportedCnn.OutputSize);
    }
}

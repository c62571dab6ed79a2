using System;
using System.IO;
using DslNet;
using DslNet.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace OnnxInterop;

/// <summary>A trained network exported to an ONNX file, that file run by ONNX Runtime, and its outputs set against DslNet's.</summary>
public static class OnnxRuntimeComparison
{
    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="modelPath"/> with <see cref="OnnxExport"/>, runs every sample of
    /// <paramref name="data"/> through it in ONNX Runtime (one batch) and through the network's own <c>Forward</c>, and
    /// compares the two with DslNet's outputs as the reference.
    /// </summary>
    public static OutputAgreement Run(IDescribedNetwork network, Dataset data, string modelPath)
    {
        if (data.InputSize != network.InputSize)
            throw new ArgumentException($"The data has {data.InputSize} inputs per sample; the network reads {network.InputSize}.", nameof(data));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        OnnxExport.Save(network, modelPath);

        var inputs = new float[data.Count * network.InputSize];
        for (int i = 0; i < data.Count; i++) data.Input(i).CopyTo(inputs.AsSpan(i * network.InputSize));
        var expected = new float[data.Count * network.OutputSize];
        network.Forward(inputs, expected, data.Count);

        // The ONNX model's input is [batch, ...the network's input shape], with the batch axis dynamic.
        var description = network.Description;
        var shape = new long[description.InputShape.Count + 1];
        shape[0] = data.Count;
        for (int d = 0; d < description.InputShape.Count; d++) shape[d + 1] = description.InputShape[d];

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        return OutputAgreement.Compare(expected, outputs[0].GetTensorDataAsSpan<float>(), network.OutputSize);
    }
}

using System;
using System.IO;
using DslNet.Onnx.Export;
using Google.Protobuf;

namespace DslNet.Onnx;

/// <summary>
/// Writes a generated network as an ONNX model (opset 17) for inference elsewhere: ONNX Runtime, Triton, Netron.
/// </summary>
/// <remarks>
/// The graph has the input <c>input</c> [batch, ...InputShape] (a sequence network: [batch, time, ...step] and also
/// <c>lengths</c>, int32 [batch], each sample's number of steps, from 0 to time) and the output <c>output</c>, with the
/// batch (and time) axes dynamic. Initializers are named after the parameter layout (<c>dense1.weight</c>); the
/// declaration's layer table is the doc_string. Inference semantics: dropout is left out; a stateful recurrent layer
/// starts from zeros, as after <see cref="ISequenceNetwork.ResetState"/>.
/// </remarks>
public static class OnnxExport
{
    /// <summary>Writes <paramref name="network"/> to the file <paramref name="path"/> (created or replaced).</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX form; the message names it.</exception>
    public static void Save(IDescribedNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = ModelWriter.Build(network);
        using var file = File.Create(path);
        model.WriteTo(file);
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/>, which stays open.</summary>
    /// <exception cref="NotSupportedException">A layer has no ONNX form; the message names it.</exception>
    public static void Save(IDescribedNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ModelWriter.Build(network).WriteTo(stream);
    }
}

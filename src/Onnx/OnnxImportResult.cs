using System.Collections.Generic;

namespace DslNet.Onnx;

/// <summary>
/// An ONNX model turned into DslNet's terms: the <c>.dnn</c> declaration, and the weights as the PyTorch-layout
/// tensors <see cref="PyTorchWeights.Load(IDescribedNetwork, string, IReadOnlyDictionary{string, string}?)"/> reads into
/// the class the declaration compiles to (layers named as the declaration defaults them: <c>conv2d1</c>, <c>dense4</c>).
/// </summary>
/// <param name="Declaration">The text of the <c>.dnn</c> file.</param>
/// <param name="Weights">The tensors of the safetensors file.</param>
public sealed record OnnxImportResult(string Declaration, IReadOnlyDictionary<string, SafetensorsTensor> Weights)
{
    /// <summary>Whether the declaration is a sequence network (<c>input sequence</c>), whose class takes its number of steps when constructed.</summary>
    public bool IsSequence { get; init; }
}

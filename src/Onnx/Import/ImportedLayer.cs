using System.Collections.Generic;

namespace DslNet.Onnx.Import;

/// <summary>
/// One layer of an imported network as it is being built: its <c>.dnn</c> statement without the activation, the kind
/// that names it (<c>dense</c>), whether an activation can still be folded into it, and its tensors (PyTorch layout).
/// </summary>
internal sealed class ImportedLayer(string kind, string statement, bool takesActivation, List<(string Part, SafetensorsTensor Tensor)> tensors)
{
    public string Kind { get; } = kind;

    public string Statement { get; } = statement;

    public bool TakesActivation { get; } = takesActivation;

    public string? Activation { get; set; }

    /// <summary>For a recurrent layer: whether it gives every step (<c>return_sequences=true</c>) or the last state.</summary>
    public bool ReturnsSequences { get; set; }

    public List<(string Part, SafetensorsTensor Tensor)> Tensors { get; } = tensors;
}

using System.Collections.Generic;

namespace DslNet.Generator.Emit;

/// <summary>
/// A layer's run-time description as C# text: the runtime record (<c>DenseDescription</c>) and the options that follow
/// the name and shapes every record starts with. <see cref="ArchitectureEmitter"/> writes it.
/// </summary>
internal sealed record LayerDescriptionText(string Record, IReadOnlyList<string> Options)
{
    public LayerDescriptionText(string record, params string[] options)
        : this(record, (IReadOnlyList<string>)options)
    {
    }
}

namespace DslNet.Model;

/// <summary>
/// One declared layer, in declaration order. <see cref="Index"/> is its 1-based position
/// among the layers after the input; <see cref="DeclaredName"/> is what the user wrote, if anything.
/// </summary>
internal abstract record LayerSpec(int Index, string? DeclaredName, SourceLocation Location)
{
    /// <summary>The layer kind as written in declarations: <c>Dense</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The name used in the parameter layout and generated code: declared, or <c>dense2</c>.</summary>
    public string Name => DeclaredName ?? Kind.ToLowerInvariant() + Index;
}

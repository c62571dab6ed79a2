namespace DslNet.Model;

/// <summary><c>[Flatten]</c>, or <c>flatten</c>.</summary>
internal static class FlattenDeclaration
{
    public static readonly LayerSyntax Syntax = new(nameof(FlattenAttribute), ["flatten"], [], v => new FlattenSpec(v.Index, v.Name, v.Location));
}

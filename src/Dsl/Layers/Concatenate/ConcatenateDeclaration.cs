namespace DslNet.Model;

/// <summary><c>[Concatenate("a", "b")]</c>, or <c>concatenate a, b</c>.</summary>
internal static class ConcatenateDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(ConcatenateAttribute), ["concatenate", "concat"],
        [LayerArgument.LayerNames(nameof(ConcatenateAttribute.Inputs), "the names of the layers to concatenate")],
        v => new ConcatenateSpec(v.Index, v.Name, v.Location, v.LayerNames(nameof(ConcatenateAttribute.Inputs))));
}

namespace DslNet.Model;

/// <summary><c>[Upsample2D(2)]</c>, or <c>upsample2d 2</c>.</summary>
internal static class Upsample2DDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(Upsample2DAttribute), ["upsample2d"],
        [LayerArgument.Integer(nameof(Upsample2DAttribute.Factor), "the factor")],
        v => new Upsample2DSpec(v.Index, v.Name, v.Location, v.Integer(nameof(Upsample2DAttribute.Factor)), v.LocationOf(nameof(Upsample2DAttribute.Factor))));
}

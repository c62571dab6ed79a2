namespace DslNet.Model;

/// <summary><c>[Dropout(0.25)]</c>, or <c>dropout 0.25</c>.</summary>
internal static class DropoutDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(DropoutAttribute), ["dropout"],
        [LayerArgument.Number(nameof(DropoutAttribute.Rate), "the dropout rate")],
        v => new DropoutSpec(v.Index, v.Name, v.Location, v.Number(nameof(DropoutAttribute.Rate)), v.LocationOf(nameof(DropoutAttribute.Rate))));
}

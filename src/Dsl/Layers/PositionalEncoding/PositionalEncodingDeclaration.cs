namespace DslNet.Model;

/// <summary><c>[PositionalEncoding(Learned = true, MaxLength = 128)]</c>, or <c>positional_encoding learned=true max_length=128</c>.</summary>
internal static class PositionalEncodingDeclaration
{
    private const string Learned = nameof(PositionalEncodingAttribute.Learned), MaxLength = nameof(PositionalEncodingAttribute.MaxLength);

    public static readonly LayerSyntax Syntax = new(
        nameof(PositionalEncodingAttribute), ["positional_encoding", "positionalencoding"],
        [LayerArgument.NamedFlag(Learned), LayerArgument.NamedInteger(MaxLength, 0)],
        v => new PositionalEncodingSpec(v.Index, v.Name, v.Location, v.Flag(Learned), v.Integer(MaxLength), v.LocationOf(MaxLength)));
}

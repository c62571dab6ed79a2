namespace DslNet.Model;

/// <summary><c>[MaxPool2D(2)]</c> and <c>[AvgPool2D(2, Stride = 2)]</c>, or <c>maxpool2d 2</c> and <c>avgpool2d 2 stride=2</c>; stride 0 or none is the pool size.</summary>
internal static class Pool2DDeclaration
{
    // Both attributes name their properties alike.
    private const string Size = nameof(MaxPool2DAttribute.PoolSize), Stride = nameof(MaxPool2DAttribute.Stride);

    public static readonly LayerSyntax Max = Syntax(nameof(MaxPool2DAttribute), "maxpool2d", Pooling.Max);

    public static readonly LayerSyntax Average = Syntax(nameof(AvgPool2DAttribute), "avgpool2d", Pooling.Average);

    private static LayerSyntax Syntax(string attribute, string keyword, Pooling pooling) => new(
        attribute, [keyword],
        [LayerArgument.Integer(Size, "the pool size"), LayerArgument.NamedInteger(Stride, 0)],
        v => new Pool2DSpec(
            v.Index, v.Name, v.Location, pooling,
            v.Integer(Size), v.Integer(Stride) == 0 ? v.Integer(Size) : v.Integer(Stride), v.LocationOf(Size)));
}

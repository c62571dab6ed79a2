namespace DslNet.Model;

/// <summary><c>[GlobalAveragePool2D]</c>, or <c>global_avgpool2d</c>.</summary>
internal static class GlobalAveragePool2DDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(GlobalAveragePool2DAttribute), ["global_avgpool2d", "globalaveragepool2d", "global_average_pool2d"], [],
        v => new GlobalAveragePool2DSpec(v.Index, v.Name, v.Location));
}

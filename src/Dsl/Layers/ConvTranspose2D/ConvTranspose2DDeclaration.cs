namespace DslNet.Model;

/// <summary><c>[ConvTranspose2D(8, 4, Stride = 2, Padding = 1)]</c>, or <c>conv_transpose2d 8 kernel=4 stride=2 padding=1</c>.</summary>
internal static class ConvTranspose2DDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(ConvTranspose2DAttribute), ["conv_transpose2d", "convtranspose2d"],
        [
            LayerArgument.Integer(nameof(ConvTranspose2DAttribute.Filters), "the number of filters"),
            LayerArgument.IntegerTextOption(nameof(ConvTranspose2DAttribute.KernelSize), "the kernel size", "kernel", "conv_transpose2d 8 kernel=4"),
            LayerArgument.NamedInteger(nameof(ConvTranspose2DAttribute.Stride), 1),
            LayerArgument.NamedInteger(nameof(ConvTranspose2DAttribute.Padding), 0),
            LayerArgument.NamedChoice(nameof(ConvTranspose2DAttribute.Activation), Activation.Linear),
        ],
        v => new ConvTranspose2DSpec(
            v.Index, v.Name, v.Location,
            v.Integer(nameof(ConvTranspose2DAttribute.Filters)), v.Integer(nameof(ConvTranspose2DAttribute.KernelSize)),
            v.Integer(nameof(ConvTranspose2DAttribute.Stride)), v.Integer(nameof(ConvTranspose2DAttribute.Padding)),
            v.Choice<Activation>(nameof(ConvTranspose2DAttribute.Activation)),
            v.LocationOf(nameof(ConvTranspose2DAttribute.Filters)), v.LocationOf(nameof(ConvTranspose2DAttribute.KernelSize))));
}

namespace DslNet.Model;

/// <summary>
/// <c>[Conv2D(8, 3, Stride = 1, Padding = Padding.Same, Activation = Activation.ReLU)]</c>, or
/// <c>conv2d 8 kernel=3 padding=same activation=relu</c>; PyTorch's integer padding is <c>[Conv2D(8, 3, PaddingSize = 1)]</c>,
/// or <c>conv2d 8 kernel=3 padding_size=1</c>.
/// </summary>
internal static class Conv2DDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(Conv2DAttribute), ["conv2d"],
        [
            LayerArgument.Integer(nameof(Conv2DAttribute.Filters), "the number of filters"),
            LayerArgument.IntegerTextOption(nameof(Conv2DAttribute.KernelSize), "the kernel size", "kernel", "conv2d 8 kernel=3"),
            LayerArgument.NamedInteger(nameof(Conv2DAttribute.Stride), 1),
            LayerArgument.NamedChoice(nameof(Conv2DAttribute.Padding), Padding.Valid),
            LayerArgument.NamedInteger(nameof(Conv2DAttribute.PaddingSize), 0),
            LayerArgument.NamedChoice(nameof(Conv2DAttribute.Activation), Activation.Linear),
        ],
        v => new Conv2DSpec(
            v.Index, v.Name, v.Location,
            v.Integer(nameof(Conv2DAttribute.Filters)), v.Integer(nameof(Conv2DAttribute.KernelSize)), v.Integer(nameof(Conv2DAttribute.Stride)),
            v.Choice<Padding>(nameof(Conv2DAttribute.Padding)), v.Choice<Activation>(nameof(Conv2DAttribute.Activation)),
            v.LocationOf(nameof(Conv2DAttribute.Filters)), v.LocationOf(nameof(Conv2DAttribute.KernelSize)))
        {
            PaddingSize = Written(v, nameof(Conv2DAttribute.PaddingSize)) || v.Integer(nameof(Conv2DAttribute.PaddingSize)) != 0
                ? v.Integer(nameof(Conv2DAttribute.PaddingSize)) : null,
            PaddingSizeLocation = v.LocationOf(nameof(Conv2DAttribute.PaddingSize)),
            PaddingWritten = Written(v, nameof(Conv2DAttribute.Padding)) || v.Choice<Padding>(nameof(Conv2DAttribute.Padding)) != Padding.Valid,
        });

    // A value left out is located at the whole declaration; one written has a span of its own.
    private static bool Written(LayerValues values, string property) => !values.LocationOf(property).Equals(values.Location);
}

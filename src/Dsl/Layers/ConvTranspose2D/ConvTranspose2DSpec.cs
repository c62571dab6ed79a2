using System.Collections.Generic;
using System.Numerics;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[ConvTranspose2D(filters, kernelSize, Stride, Padding, Activation)]</c>: [C, H, W] → [F, H', W'] with
/// H' = (H − 1)·stride − 2·padding + kernel (PyTorch's convention, no output padding).
/// </summary>
internal sealed record ConvTranspose2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Filters, int KernelSize, int Stride, int Padding, Activation Activation,
    SourceLocation FiltersLocation, SourceLocation KernelLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "ConvTranspose2D";

    public override Activation? DeclaredActivation => Activation;

    public override bool AppliesPerStep => true;

    public override string OutputSizeSetting => "the filters";

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "filters", Filters, FiltersLocation)
            & context.Positive(this, "the kernel size", KernelSize, KernelLocation)
            & context.Positive(this, "the stride", Stride, Location);
        valid &= context.KnownActivation(this, Activation);
        if (!valid || !context.NeedsFeatureMap(this, input)) return null;
        long height = Side(input!.Dimensions[1]), width = Side(input.Dimensions[2]);
        if (Padding < 0 || height < 1 || width < 1)
        {
            context.Report(ProblemCatalogue.TransposedPadding.At(Location, ShapeContext.Describe(this), Padding, input, height, width));
            return null;
        }
        var columns = (BigInteger)input.Dimensions[1] * input.Dimensions[2] * KernelSize * KernelSize * Filters;
        if (!context.WithinLimit(this, "the output", (BigInteger)Filters * height * width)
            || !context.WithinLimit(this, "the columns (input positions × kernel² × filters)", columns)) return null;
        var output = new Shape(Filters, (int)height, (int)width);
        if (Activation == Activation.Softmax)
        {
            context.Report(ProblemCatalogue.SoftmaxOnFeatureMap.At(Location, ShapeContext.Describe(this), output));
        }
        return output;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        [ParameterPart.Weight("weight", input.Dimensions[0], KernelSize, KernelSize, Filters), ParameterPart.Bias("bias", Filters)];

    /// <summary>(side − 1)·stride − 2·padding + kernel, in long arithmetic (a large stride overflows an int).</summary>
    private long Side(int side) => (side - 1L) * Stride - 2L * Padding + KernelSize;
}

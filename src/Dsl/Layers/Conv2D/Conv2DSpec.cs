using System.Collections.Generic;
using System.Numerics;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary><c>[Conv2D(filters, kernelSize, Stride, Padding, Activation)]</c> over [channels, height, width].</summary>
internal sealed record Conv2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Filters, int KernelSize, int Stride, Padding Padding, Activation Activation,
    SourceLocation FiltersLocation, SourceLocation KernelLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Conv2D";

    public override Activation? DeclaredActivation => Activation;

    public override bool AppliesPerStep => true;

    public override string OutputSizeSetting => "the filters";

    public override Shape? InferOutput(Shape? input, ShapeContext context)
    {
        bool valid = context.Positive(this, "filters", Filters, FiltersLocation)
            & context.Positive(this, "the kernel size", KernelSize, KernelLocation)
            & context.Positive(this, "the stride", Stride, Location);
        valid &= context.KnownActivation(this, Activation);
        valid &= context.KnownPadding(this, Padding);
        if (!valid || !context.NeedsFeatureMap(this, input)) return null;
        int height = input!.Dimensions[1], width = input.Dimensions[2];
        Shape output;
        if (Padding == Padding.Same)
        {
            output = new Shape(Filters, CeilingDivide(height, Stride), CeilingDivide(width, Stride));
        }
        else
        {
            output = new Shape(Filters, (height - KernelSize) / Stride + 1, (width - KernelSize) / Stride + 1);
            if (!context.CheckWindow(this, "kernel", KernelSize, Stride, input, output)) return null;
        }
        // Exact: with Padding.Same the kernel is not bounded by the input, and kernel² alone can exceed a long.
        var unrolled = (BigInteger)input.Dimensions[0] * KernelSize * KernelSize * output.Dimensions[1] * output.Dimensions[2];
        if (!context.WithinLimit(this, "the unrolled input (channels × kernel² × output positions)", unrolled)) return null;
        if (Activation == Activation.Softmax)
        {
            context.Report(ProblemCatalogue.SoftmaxOnFeatureMap.At(Location, ShapeContext.Describe(this), output));
        }
        return output;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        [ParameterPart.Weight("weight", input.Dimensions[0], KernelSize, KernelSize, Filters), ParameterPart.Bias("bias", Filters)];

    /// <summary>⌈<paramref name="size"/> / <paramref name="stride"/>⌉ in long arithmetic: size + stride − 1 overflows an int for a large stride.</summary>
    private static int CeilingDivide(int size, int stride) => (int)(((long)size + stride - 1) / stride);
}

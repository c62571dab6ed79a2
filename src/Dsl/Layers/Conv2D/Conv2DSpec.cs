using System.Collections.Generic;
using System.Numerics;
using DslNet.Checks;

namespace DslNet.Model;

/// <summary>
/// <c>[Conv2D(filters, kernelSize, Stride, Padding, Activation)]</c> over [channels, height, width]; with
/// <see cref="PaddingSize"/> (PyTorch's integer padding) instead of <see cref="Padding"/>, that many zeros on each side.
/// </summary>
internal sealed record Conv2DSpec(
    int Index, string? DeclaredName, SourceLocation Location,
    int Filters, int KernelSize, int Stride, Padding Padding, Activation Activation,
    SourceLocation FiltersLocation, SourceLocation KernelLocation)
    : LayerSpec(Index, DeclaredName, Location)
{
    public override string Kind => "Conv2D";

    /// <summary>PyTorch's integer padding when the declaration gives one (<c>PaddingSize = p</c>); null for <see cref="Padding"/>.</summary>
    public int? PaddingSize { get; init; }

    public SourceLocation PaddingSizeLocation { get; init; }

    /// <summary>Whether the declaration wrote <see cref="Padding"/> itself (rather than leaving the default).</summary>
    public bool PaddingWritten { get; init; }

    /// <summary>The zeros on each side, top and left, for the emitter and exporters: the integer padding, or 0.</summary>
    public int Pad => PaddingSize ?? 0;

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
        valid &= CheckPaddingSize(context);
        if (!valid || !context.NeedsFeatureMap(this, input)) return null;
        int height = input!.Dimensions[1], width = input.Dimensions[2];
        Shape output;
        if (PaddingSize is int pad)
        {
            // PyTorch's output size; long arithmetic, since side + 2·pad overflows an int for a large pad.
            long paddedHeight = height + 2L * pad, paddedWidth = width + 2L * pad;
            long outHeight = paddedHeight < KernelSize ? 0 : (paddedHeight - KernelSize) / Stride + 1;
            long outWidth = paddedWidth < KernelSize ? 0 : (paddedWidth - KernelSize) / Stride + 1;
            if (outHeight < 1 || outWidth < 1)
            {
                context.Report(ProblemCatalogue.PaddedOutputEmpty.At(Location, ShapeContext.Describe(this), KernelSize, input, pad, paddedHeight, paddedWidth, outHeight, outWidth));
                return null;
            }
            if (!context.WithinLimit(this, "the output (filters × height × width)", (BigInteger)Filters * outHeight * outWidth)) return null;
            output = new Shape(Filters, (int)outHeight, (int)outWidth);
            // Rows the last window leaves past the padded bottom (or columns past the right) are input only beyond the padding.
            long rows = (paddedHeight - KernelSize) % Stride - pad, columns = (paddedWidth - KernelSize) % Stride - pad;
            if (rows > 0 || columns > 0)
            {
                context.Report(ProblemCatalogue.DroppedRowsOrColumns.At(Location, ShapeContext.Describe(this), $"{KernelSize}×{KernelSize}", Stride, input,
                    System.Math.Max(rows, 0), System.Math.Max(columns, 0), output));
            }
        }
        else if (Padding == Padding.Same)
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

    /// <summary>DN0043 for a negative <see cref="PaddingSize"/>, DN0044 when <see cref="Padding"/> is written beside it; both on the PaddingSize.</summary>
    private bool CheckPaddingSize(ShapeContext context)
    {
        if (PaddingSize is not int pad) return true;
        bool valid = true;
        if (pad < 0)
        {
            context.Report(ProblemCatalogue.NegativePaddingSize.At(PaddingSizeLocation, ShapeContext.Describe(this), pad));
            valid = false;
        }
        if (PaddingWritten)
        {
            context.Report(ProblemCatalogue.PaddingGivenTwice.At(PaddingSizeLocation, ShapeContext.Describe(this), Padding, pad));
            valid = false;
        }
        return valid;
    }

    public override IReadOnlyList<ParameterPart> Parameters(Shape input, Shape output) =>
        [ParameterPart.Weight("weight", input.Dimensions[0], KernelSize, KernelSize, Filters), ParameterPart.Bias("bias", Filters)];

    /// <summary>⌈<paramref name="size"/> / <paramref name="stride"/>⌉ in long arithmetic: size + stride − 1 overflows an int for a large stride.</summary>
    private static int CeilingDivide(int size, int stride) => (int)(((long)size + stride - 1) / stride);
}

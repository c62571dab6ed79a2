using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// A ConvTranspose2D layer for generated code: its weights [channels, kernel, kernel, filters] and bias at offsets in the
/// network's parameter (or gradient) vector, its work in <see cref="TransposedConvolution"/>, then its activation.
/// <c>columns</c> and <c>planes</c> are one sample's scratch, which the network keeps for the layer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvTranspose2DLayer
{
    /// <summary>
    /// output[r] = activation(transposed convolution of input[r] + bias) for r &lt; <paramref name="rows"/>; softmax, if
    /// declared, normalises over each whole output row.
    /// </summary>
    public static void Forward(float[] parameters, int weightOffset, int biasOffset, ReadOnlySpan<float> input, Span<float> output, int rows,
        TransposedConvolutionShape shape, Activation activation, float[] columns, float[] planes)
    {
        Check(parameters, weightOffset, biasOffset, input.Length, nameof(input), output.Length, nameof(output), rows, shape);
        TransposedConvolution.Forward(input, Weights(parameters, weightOffset, shape), new ReadOnlySpan<float>(parameters, biasOffset, shape.Filters), output,
            LayerArguments.Scratch(columns, shape.ColumnsSize, nameof(columns)), LayerArguments.Scratch(planes, shape.PlanesSize, nameof(planes)), rows, shape);
        ActivationForward.InPlace(activation, output.Slice(0, rows * shape.OutputSize), shape.OutputSize);
    }

    /// <summary>Adds dL/dW and dL/db over <paramref name="rows"/> rows into <paramref name="gradients"/> at the layer's offsets.</summary>
    public static void ParameterGradients(float[] gradients, int weightOffset, int biasOffset, ReadOnlySpan<float> input, ReadOnlySpan<float> delta, int rows,
        TransposedConvolutionShape shape, float[] columns)
    {
        Check(gradients, weightOffset, biasOffset, input.Length, nameof(input), delta.Length, nameof(delta), rows, shape);
        TransposedConvolution.ParameterGradients(input, delta, new Span<float>(gradients, weightOffset, shape.Channels * shape.Kernel * shape.Kernel * shape.Filters),
            new Span<float>(gradients, biasOffset, shape.Filters), LayerArguments.Scratch(columns, shape.ColumnsSize, nameof(columns)), rows, shape);
    }

    /// <summary>Writes dL/dx of the first <paramref name="rows"/> rows from dL/dz and the weights.</summary>
    public static void InputGradient(float[] parameters, int weightOffset, ReadOnlySpan<float> delta, Span<float> inputGradient, int rows,
        TransposedConvolutionShape shape, float[] columns)
    {
        Check(parameters, weightOffset, weightOffset, inputGradient.Length, nameof(inputGradient), delta.Length, nameof(delta), rows, shape, checksBias: false);
        TransposedConvolution.InputGradient(delta, Weights(parameters, weightOffset, shape), inputGradient,
            LayerArguments.Scratch(columns, shape.ColumnsSize, nameof(columns)), rows, shape);
    }

    private static ReadOnlySpan<float> Weights(float[] parameters, int weightOffset, TransposedConvolutionShape shape) =>
        new(parameters, weightOffset, shape.Channels * shape.Kernel * shape.Kernel * shape.Filters);

    /// <summary>The offsets fit the parameters, and the input-side and output-side buffers hold <paramref name="rows"/> rows.</summary>
    private static void Check(float[] parameters, int weightOffset, int biasOffset, int inputLength, string inputName, int outputLength, string outputName,
        int rows, TransposedConvolutionShape shape, bool checksBias = true)
    {
        LayerArguments.CheckSlice(parameters, weightOffset, shape.Channels * shape.Kernel * shape.Kernel * shape.Filters, nameof(weightOffset));
        if (checksBias) LayerArguments.CheckSlice(parameters, biasOffset, shape.Filters, nameof(biasOffset));
        LayerArguments.CheckRows(rows, inputLength, shape.InputSize, inputName);
        LayerArguments.CheckRows(rows, outputLength, shape.OutputSize, outputName);
    }
}

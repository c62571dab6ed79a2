using System;

namespace DslNet;

/// <summary>The length checks every loss makes before its unchecked loops.</summary>
internal static class LossArguments
{
    /// <summary>Checks the spans against the batch and returns the number of outputs per sample.</summary>
    public static int CheckShapes(string loss, int outputLength, int targetLength, int gradientLength, int batch)
    {
        if (batch <= 0)
        {
            throw new ArgumentException($"{loss}: batch must be at least 1, got {batch}.", nameof(batch));
        }
        if (outputLength == 0 || outputLength % batch != 0)
        {
            throw new ArgumentException(
                $"{loss}: output must hold batch × outputSize floats with outputSize ≥ 1; got {outputLength} floats for batch {batch}.",
                "output");
        }
        int outputSize = outputLength / batch;
        if (targetLength != outputLength)
        {
            throw new ArgumentException(
                $"{loss}: target must hold batch × outputSize = {batch} × {outputSize} = {outputLength} floats like output, got {targetLength}.",
                "target");
        }
        if (gradientLength != 0 && gradientLength != outputLength)
        {
            throw new ArgumentException(
                $"{loss}: gradient must be empty or hold batch × outputSize = {batch} × {outputSize} = {outputLength} floats, got {gradientLength}.",
                "gradient");
        }
        return outputSize;
    }

    public static ArgumentException UnsupportedActivation(string loss, Activation got, string needs) =>
        new($"{loss} cannot follow a {got} output layer: it needs {needs}.", "outputActivation");
}

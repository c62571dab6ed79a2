using System;

namespace DslNet;

/// <summary>The argument checks shared by the optimisers.</summary>
internal static class OptimizerArguments
{
    public static float CheckLearningRate(float learningRate, string optimizer)
    {
        if (!(learningRate > 0) || !float.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{optimizer}: the learning rate must be positive and finite.");
        }
        return learningRate;
    }

    public static void CheckLengths(int parameters, int gradients, string optimizer)
    {
        if (parameters != gradients)
        {
            throw new ArgumentException(
                $"{optimizer}: parameters hold {parameters} floats but gradients hold {gradients}; they must be the same length.",
                nameof(gradients));
        }
    }
}

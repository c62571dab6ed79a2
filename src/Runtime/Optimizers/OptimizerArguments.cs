using System;

namespace DslNet;

/// <summary>The argument checks shared by the optimisers.</summary>
internal static class OptimizerArguments
{
    /// <summary>A learning rate is finite and at least 0; 0 is allowed, as in PyTorch, because schedules reach it.</summary>
    public static float CheckLearningRate(float learningRate, string optimizer)
    {
        if (!(learningRate >= 0) || !float.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{optimizer}: the learning rate must be finite and at least 0.");
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

    /// <summary>Checks <paramref name="value"/> lies in [0, 1): a decay rate such as momentum or β.</summary>
    public static float CheckDecayRate(float value, string name, string optimizer)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{optimizer}: {name} must be in [0, 1).");
        }
        return value;
    }

    public static float CheckWeightDecay(float value, string optimizer)
    {
        if (!(value >= 0) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException("weightDecay", value, $"{optimizer}: the weight decay must be finite and at least 0.");
        }
        return value;
    }

    public static float CheckEpsilon(float value, string optimizer)
    {
        if (!(value > 0) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException("epsilon", value, $"{optimizer}: epsilon must be positive and finite.");
        }
        return value;
    }
}

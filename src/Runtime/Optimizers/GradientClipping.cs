using System;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Clipping by global norm, the standard remedy for exploding gradients in recurrent networks: when the L2 norm of
/// all gradients together exceeds a limit, every gradient is scaled by limit / norm, so the step keeps its direction.
/// </summary>
public static class GradientClipping
{
    /// <summary>Scales <paramref name="gradients"/> so their L2 norm is at most <paramref name="maxNorm"/>, and returns the norm before clipping.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a positive finite number.</exception>
    public static float ClipByGlobalNorm(Span<float> gradients, float maxNorm)
    {
        CheckLimit(maxNorm, nameof(maxNorm));
        float norm = TensorPrimitives.Norm(gradients);
        if (norm > maxNorm) TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        return norm;
    }

    internal static void CheckLimit(float maxNorm, string parameterName)
    {
        if (!(maxNorm > 0 && float.IsFinite(maxNorm)))
        {
            throw new ArgumentOutOfRangeException(parameterName, maxNorm, "The gradient norm limit must be a positive finite number.");
        }
    }
}

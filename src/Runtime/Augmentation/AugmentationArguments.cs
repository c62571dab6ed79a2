using System;

namespace DslNet;

/// <summary>The range checks the image transforms share.</summary>
internal static class AugmentationArguments
{
    public static void CheckRange(float min, float max, string what, string transform)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(
                what, $"{transform}: the {what} range [{min}, {max}] must be finite with its minimum not above its maximum.");
        }
    }

    /// <summary>A value uniform in [min, max]; exactly <paramref name="min"/> when the range is empty.</summary>
    public static float Uniform(float min, float max, FastRandom random) => min + (max - min) * random.NextFloat();
}

using System;

namespace DslNet;

/// <summary>Scales each image about its centre by a factor drawn uniformly from [min, max] (above 1 zooms in).</summary>
public sealed class RandomScale : IImageTransform
{
    /// <summary>Factors uniform in [1 − <paramref name="maxChange"/>, 1 + <paramref name="maxChange"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChange"/> is outside [0, 1).</exception>
    public RandomScale(float maxChange)
        : this(1 - CheckChange(maxChange), 1 + maxChange)
    {
    }

    /// <summary>Factors uniform in [<paramref name="minFactor"/>, <paramref name="maxFactor"/>]; equal bounds scale every image alike.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or the range is empty.</exception>
    public RandomScale(float minFactor, float maxFactor)
    {
        AugmentationArguments.CheckRange(minFactor, maxFactor, "factor", nameof(RandomScale));
        if (!(minFactor > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minFactor), minFactor, $"{nameof(RandomScale)}: scale factors must be positive.");
        }
        MinFactor = minFactor;
        MaxFactor = maxFactor;
    }

    /// <summary>The smallest factor.</summary>
    public float MinFactor { get; }

    /// <summary>The largest factor.</summary>
    public float MaxFactor { get; }

    /// <inheritdoc />
    public ImageWarp Compose(ImageWarp warp, FastRandom random)
    {
        float factor = AugmentationArguments.Uniform(MinFactor, MaxFactor, random);
        return factor == 1 ? warp : warp.Scale(factor);
    }

    /// <inheritdoc />
    public override string ToString() => $"scale [{MinFactor}, {MaxFactor}]";

    private static float CheckChange(float maxChange)
    {
        if (!(maxChange >= 0 && maxChange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxChange), maxChange, $"{nameof(RandomScale)}: the largest change must be in [0, 1).");
        }
        return maxChange;
    }
}

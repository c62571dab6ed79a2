using System;

namespace DslNet;

/// <summary>Mirrors each image left to right with a probability (one half by default).</summary>
public sealed class RandomHorizontalFlip : IImageTransform
{
    /// <summary>Flips with <paramref name="probability"/>: 0 never, 1 always.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1].</exception>
    public RandomHorizontalFlip(float probability = 0.5f)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"{nameof(RandomHorizontalFlip)}: the probability must be in [0, 1].");
        }
        Probability = probability;
    }

    /// <summary>The chance that an image is flipped.</summary>
    public float Probability { get; }

    /// <inheritdoc />
    public ImageWarp Compose(ImageWarp warp, FastRandom random) =>
        random.NextFloat() < Probability ? warp.FlipHorizontally() : warp;

    /// <inheritdoc />
    public override string ToString() => $"horizontal flip p={Probability}";
}

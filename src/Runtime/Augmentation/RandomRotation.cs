namespace DslNet;

/// <summary>Rotates each image about its centre by an angle drawn uniformly from [min, max] degrees (positive is counter-clockwise).</summary>
public sealed class RandomRotation : IImageTransform
{
    /// <summary>Angles uniform in [−<paramref name="maxDegrees"/>, +<paramref name="maxDegrees"/>].</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxDegrees"/> is negative or not finite.</exception>
    public RandomRotation(float maxDegrees)
        : this(-maxDegrees, maxDegrees)
    {
    }

    /// <summary>Angles uniform in [<paramref name="minDegrees"/>, <paramref name="maxDegrees"/>]; equal bounds rotate every image by that angle.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">The range is empty or not finite.</exception>
    public RandomRotation(float minDegrees, float maxDegrees)
    {
        AugmentationArguments.CheckRange(minDegrees, maxDegrees, "angle", nameof(RandomRotation));
        MinDegrees = minDegrees;
        MaxDegrees = maxDegrees;
    }

    /// <summary>The smallest angle, in degrees.</summary>
    public float MinDegrees { get; }

    /// <summary>The largest angle, in degrees.</summary>
    public float MaxDegrees { get; }

    /// <inheritdoc />
    public ImageWarp Compose(ImageWarp warp, FastRandom random)
    {
        float degrees = AugmentationArguments.Uniform(MinDegrees, MaxDegrees, random);
        return degrees == 0 ? warp : warp.Rotate(degrees);
    }

    /// <inheritdoc />
    public override string ToString() => $"rotation [{MinDegrees}°, {MaxDegrees}°]";
}

namespace DslNet;

/// <summary>
/// Moves each image's content by offsets drawn uniformly from pixel ranges (positive is right and down).
/// Offsets need not be whole pixels: fractional ones interpolate; whole ones move pixels exactly.
/// </summary>
public sealed class RandomShift : IImageTransform
{
    /// <summary>Both offsets uniform in [−<paramref name="maxPixels"/>, +<paramref name="maxPixels"/>].</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxPixels"/> is negative or not finite.</exception>
    public RandomShift(float maxPixels)
        : this(maxPixels, maxPixels)
    {
    }

    /// <summary>Horizontal offsets in [−<paramref name="maxX"/>, +<paramref name="maxX"/>], vertical in [−<paramref name="maxY"/>, +<paramref name="maxY"/>].</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">A bound is negative or not finite.</exception>
    public RandomShift(float maxX, float maxY)
        : this(-maxX, maxX, -maxY, maxY)
    {
    }

    /// <summary>Horizontal offsets in [<paramref name="minX"/>, <paramref name="maxX"/>], vertical in [<paramref name="minY"/>, <paramref name="maxY"/>].</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">A range is empty or not finite.</exception>
    public RandomShift(float minX, float maxX, float minY, float maxY)
    {
        AugmentationArguments.CheckRange(minX, maxX, "horizontal shift", nameof(RandomShift));
        AugmentationArguments.CheckRange(minY, maxY, "vertical shift", nameof(RandomShift));
        MinX = minX;
        MaxX = maxX;
        MinY = minY;
        MaxY = maxY;
    }

    /// <summary>The smallest horizontal offset, in pixels.</summary>
    public float MinX { get; }

    /// <summary>The largest horizontal offset, in pixels.</summary>
    public float MaxX { get; }

    /// <summary>The smallest vertical offset, in pixels.</summary>
    public float MinY { get; }

    /// <summary>The largest vertical offset, in pixels.</summary>
    public float MaxY { get; }

    /// <inheritdoc />
    public ImageWarp Compose(ImageWarp warp, FastRandom random)
    {
        float dx = AugmentationArguments.Uniform(MinX, MaxX, random);
        float dy = AugmentationArguments.Uniform(MinY, MaxY, random);
        return dx == 0 && dy == 0 ? warp : warp.Shift(dx, dy);
    }

    /// <inheritdoc />
    public override string ToString() => $"shift x [{MinX}, {MaxX}] y [{MinY}, {MaxY}] px";
}

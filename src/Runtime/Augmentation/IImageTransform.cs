namespace DslNet;

/// <summary>
/// One random geometric operation of an <see cref="ImageAugmentation"/>: rotation, flip, scale, shift, or a
/// user's own. Operations compose into a single <see cref="ImageWarp"/> per image, so the image is resampled once.
/// </summary>
public interface IImageTransform
{
    /// <summary>
    /// Draws this operation's random parameters for one image from <paramref name="random"/> and returns
    /// <paramref name="warp"/> followed by the operation. Must draw the same number of values on every call,
    /// so that a seed gives one stream of images whatever the draws were.
    /// </summary>
    ImageWarp Compose(ImageWarp warp, FastRandom random);
}

using System;
using DslNet;

namespace ClipsSample;

/// <summary>
/// Synthetic clips of one 8×8 digit sliding across a 16×16 canvas on light Gaussian noise, labelled by the direction
/// of motion (one-hot over <see cref="Directions"/>). The digit moves 1 or 2 px per frame in a straight line and may
/// hang up to <see cref="Overhang"/> px off the canvas. Where it stands in a single frame tells nothing about the
/// direction: the offset across the motion is drawn like a position along a track, so every frame of every direction
/// has the same distribution of positions.
/// </summary>
internal static class ClipGenerator
{
    /// <summary>Canvas side in pixels.</summary>
    public const int Size = 16;

    /// <summary>Floats in one frame, [1, Size, Size].</summary>
    public const int FramePixels = Size * Size;

    /// <summary>How far (in pixels) the digit may leave the canvas: at least 2 of its 8 columns or rows stay visible.</summary>
    public const int Overhang = 6;

    /// <summary>Standard deviation of the noise added to every pixel (digit strokes are 0..1).</summary>
    public const float Noise = 0.1f;

    /// <summary>The class names, in the order of the one-hot targets.</summary>
    public static readonly string[] Directions = ["left", "right", "up", "down"];

    private const int DigitSize = 8;

    // The digit's top-left corner ranges over [Lowest, Highest] along either axis.
    private const int Lowest = -Overhang, Highest = Size - DigitSize + Overhang;

    /// <summary>
    /// <paramref name="count"/> clips [count, maxFrames, 1, 16, 16] with one-hot directions [count, 4], the same for the
    /// same seed. With <paramref name="minFrames"/> below <paramref name="maxFrames"/> each clip has its own length in
    /// [minFrames, maxFrames], its frames after that are zero padding, and the dataset carries the lengths.
    /// </summary>
    /// <param name="digits">8×8 digit images of 64 pixels in 0..1; each clip shows one of them, drawn at random.</param>
    /// <exception cref="ArgumentException">The digits are not 64 pixels, or the frame counts are out of range.</exception>
    public static Dataset Generate(Dataset digits, int count, int maxFrames, int minFrames, int seed)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.InputSize != DigitSize * DigitSize)
        {
            throw new ArgumentException($"Digits must be {DigitSize}×{DigitSize} = {DigitSize * DigitSize} pixels, got {digits.InputSize}.", nameof(digits));
        }
        if (minFrames < 2 || minFrames > maxFrames || maxFrames - 1 > Highest - Lowest)
        {
            throw new ArgumentException(
                $"Clips need 2 ≤ minFrames ≤ maxFrames ≤ {Highest - Lowest + 1} (a digit moving 1 px per frame must stay on the track), got {minFrames} and {maxFrames}.");
        }
        var random = new FastRandom(seed);
        var inputs = new float[(long)count * maxFrames * FramePixels];
        var targets = new float[count * Directions.Length];
        int[]? lengths = minFrames < maxFrames ? new int[count] : null;
        for (int i = 0; i < count; i++)
        {
            int length = minFrames + random.NextInt(maxFrames - minFrames + 1);
            int direction = random.NextInt(Directions.Length);
            // 2 px per frame when the whole path still fits on the track, else 1.
            int speed = random.NextInt(2) == 0 || 2 * (length - 1) > Highest - Lowest ? 1 : 2;
            int travel = speed * (length - 1);
            int start = Lowest + random.NextInt(Highest - Lowest - travel + 1);
            int across = Lowest + random.NextInt(Highest - Lowest - travel + 1) + speed * random.NextInt(length);
            ReadOnlySpan<float> digit = digits.Input(random.NextInt(digits.Count));
            Span<float> clip = inputs.AsSpan((int)((long)i * maxFrames * FramePixels), length * FramePixels);
            for (int t = 0; t < length; t++)
            {
                // Left and up mirror the track of right and down, so positions along it are distributed alike.
                int along = start + speed * t;
                if (direction is 0 or 2) along = Lowest + Highest - along;
                bool horizontal = direction < 2;
                Draw(clip.Slice(t * FramePixels, FramePixels), digit, horizontal ? along : across, horizontal ? across : along, random);
            }
            targets[i * Directions.Length + direction] = 1f;
            if (lengths is not null) lengths[i] = length;
        }
        return new Dataset(inputs, targets, count, lengths);
    }

    /// <summary>
    /// One frame of each clip, picked at random within its length, as clips of a single frame [count, 1, 1, 16, 16]
    /// with the same targets: what a network sees that cannot compare frames.
    /// </summary>
    public static Dataset SingleFrames(Dataset clips, int seed)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var random = new FastRandom(seed);
        int frames = clips.InputSize / FramePixels;
        var inputs = new float[clips.Count * FramePixels];
        for (int i = 0; i < clips.Count; i++)
        {
            int length = clips.HasLengths ? clips.Lengths[i] : frames;
            clips.Input(i).Slice(random.NextInt(length) * FramePixels, FramePixels).CopyTo(inputs.AsSpan(i * FramePixels));
        }
        var targets = new float[clips.Count * clips.TargetSize];
        for (int i = 0; i < clips.Count; i++) clips.Target(i).CopyTo(targets.AsSpan(i * clips.TargetSize));
        return new Dataset(inputs, targets, clips.Count);
    }

    // Noise everywhere, plus the digit's pixels where it overlaps the canvas with its top-left corner at (left, top).
    private static void Draw(Span<float> frame, ReadOnlySpan<float> digit, int left, int top, FastRandom random)
    {
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int dy = y - top, dx = x - left;
                float stroke = (uint)dy < DigitSize && (uint)dx < DigitSize ? digit[dy * DigitSize + dx] : 0f;
                frame[y * Size + x] = stroke + Noise * random.NextGaussian();
            }
        }
    }
}

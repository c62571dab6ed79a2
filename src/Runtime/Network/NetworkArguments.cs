using System;

namespace DslNet;

/// <summary>
/// The argument checks every generated entry point makes once, before its unchecked inner loops,
/// with messages that name the expected and the actual size.
/// </summary>
public static class NetworkArguments
{
    public static void CheckBatch(int batch, string network)
    {
        if (batch <= 0)
        {
            throw new ArgumentException($"{network}: batch must be at least 1, got {batch}.", nameof(batch));
        }
    }

    public static void CheckLength(int actual, int batch, int sampleSize, string parameterName, string network)
    {
        long expected = (long)batch * sampleSize;
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{network}: {parameterName} must hold batch × {sampleSize} = {batch} × {sampleSize} = {expected} floats, got {actual}.",
                parameterName);
        }
    }

    /// <summary>As <see cref="CheckLength"/>, but an empty span is allowed and means "not wanted".</summary>
    public static void CheckOptionalLength(int actual, int batch, int sampleSize, string parameterName, string network)
    {
        if (actual != 0) CheckLength(actual, batch, sampleSize, parameterName, network);
    }

    public static void CheckBackwardBatch(int batch, int forwardBatch, string network)
    {
        if (forwardBatch < 0)
        {
            throw new InvalidOperationException($"{network}: Backward needs a preceding Forward(..., training: true).");
        }
        if (batch != forwardBatch)
        {
            throw new ArgumentException($"{network}: Backward got batch {batch}, but the last training Forward had batch {forwardBatch}.", nameof(batch));
        }
    }
}

using System;

namespace DslNet;

/// <summary>
/// The argument checks every generated entry point makes once, before its unchecked inner loops,
/// with messages that name the expected and the actual size.
/// </summary>
public static class NetworkArguments
{
    /// <summary>Throws unless <paramref name="batch"/> is at least 1.</summary>
    /// <param name="batch">The batch size a caller passed.</param>
    /// <param name="network">The network's name, for the message.</param>
    /// <exception cref="ArgumentException">The batch is 0 or negative.</exception>
    public static void CheckBatch(int batch, string network)
    {
        if (batch <= 0)
        {
            throw new ArgumentException($"{network}: batch must be at least 1, got {batch}.", nameof(batch));
        }
    }

    /// <summary>Throws unless a span holds exactly <paramref name="batch"/> × <paramref name="sampleSize"/> floats.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="batch">The batch size.</param>
    /// <param name="sampleSize">The floats per sample (the network's input or output size).</param>
    /// <param name="parameterName">The span's parameter name, for the message and the exception.</param>
    /// <param name="network">The network's name, for the message.</param>
    /// <exception cref="ArgumentException">The length differs; the message names the expected and actual sizes.</exception>
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
    /// <param name="actual">The span's length.</param>
    /// <param name="batch">The batch size.</param>
    /// <param name="sampleSize">The floats per sample.</param>
    /// <param name="parameterName">The span's parameter name.</param>
    /// <param name="network">The network's name, for the message.</param>
    public static void CheckOptionalLength(int actual, int batch, int sampleSize, string parameterName, string network)
    {
        if (actual != 0) CheckLength(actual, batch, sampleSize, parameterName, network);
    }

    /// <summary>Throws unless a training forward pass came before <c>Backward</c>, with the same batch size.</summary>
    /// <param name="batch">The batch size passed to <c>Backward</c>.</param>
    /// <param name="forwardBatch">The batch of the last training forward pass, or a negative number when there was none.</param>
    /// <param name="network">The network's name, for the message.</param>
    /// <exception cref="InvalidOperationException">No training forward pass came first.</exception>
    /// <exception cref="ArgumentException">The batch sizes differ.</exception>
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

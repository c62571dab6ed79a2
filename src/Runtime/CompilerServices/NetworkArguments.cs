using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The argument checks every generated entry point makes once, before its unchecked inner loops,
/// with messages that name the expected and the actual size.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
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

    /// <summary>Each sequence length must lie in [0, timeSteps]; an empty span means every sequence is full.</summary>
    public static void CheckLengths(ReadOnlySpan<int> lengths, int batch, int timeSteps, string network)
    {
        if (lengths.IsEmpty) return;
        if (lengths.Length != batch)
        {
            throw new ArgumentException($"{network}: lengths must hold one length per sample, {batch}, got {lengths.Length}.", nameof(lengths));
        }
        for (int b = 0; b < batch; b++)
        {
            if ((uint)lengths[b] > (uint)timeSteps)
            {
                throw new ArgumentException($"{network}: lengths[{b}] must be in [0, TimeSteps = {timeSteps}], got {lengths[b]}.", nameof(lengths));
            }
        }
    }

    /// <summary>A sequence network needs at least one time step.</summary>
    public static void CheckTimeSteps(int timeSteps, string network)
    {
        if (timeSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSteps), timeSteps, $"{network}: time steps must be at least 1.");
        }
    }

    /// <summary>A learned positional encoding has rows for <paramref name="maxLength"/> positions, so no more time steps.</summary>
    /// <param name="timeSteps">The time steps asked for.</param>
    /// <param name="maxLength">The rows of the layer's position table, its declared MaxLength.</param>
    /// <param name="layer">The layer's name, for the message.</param>
    /// <param name="network">The network's name, for the message.</param>
    /// <exception cref="ArgumentException">More time steps than the table has rows; the message names both.</exception>
    public static void CheckMaxLength(int timeSteps, int maxLength, string layer, string network)
    {
        if (timeSteps > maxLength)
        {
            throw new ArgumentException(
                $"{network}: TimeSteps = {timeSteps} exceeds MaxLength = {maxLength} of the learned positional encoding '{layer}', which has a row for each of {maxLength} positions; use at most {maxLength} steps, or declare a larger MaxLength.",
                nameof(timeSteps));
        }
    }

    /// <summary>A token id must be a whole number in [0, vocabulary): the embedding reads that row.</summary>
    public static void CheckTokenIds(ReadOnlySpan<float> ids, int vocabulary, string layer)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            float id = ids[i];
            if (!(id >= 0 && id < vocabulary && id == MathF.Floor(id)))
            {
                throw new ArgumentException($"{layer}: token ids must be whole numbers in [0, {vocabulary}), got {id} at position {i} of the batch input.", "input");
            }
        }
    }
}

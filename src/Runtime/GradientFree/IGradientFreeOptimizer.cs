using System;
using System.Threading;

namespace DslNet;

/// <summary>
/// Minimises an objective over a flat float vector without gradients: for small networks (the vector is
/// <see cref="INetwork.Parameters"/>) and for objectives that are not differentiable, such as an episode
/// length. Every implementation is seeded by <see cref="GradientFreeOptions.Seed"/> and deterministic:
/// the same start, objective and options give the same result, bit for bit.
/// </summary>
public interface IGradientFreeOptimizer
{
    /// <summary>
    /// Searches for the minimum of <paramref name="objective"/>, starting at <paramref name="point"/>, until a
    /// budget or stopping criterion of <paramref name="options"/> ends the search; then writes the best point
    /// seen into <paramref name="point"/>. The start is evaluated first, so the result is never worse than it.
    /// </summary>
    /// <param name="point">
    /// The start, read once before the first evaluation, and the best point, written once at the end; it may
    /// be a network's own <see cref="INetwork.Parameters"/> even if the objective overwrites them.
    /// </param>
    /// <param name="objective">
    /// The value to minimise at a candidate (the span is only valid during the call). NaN counts as +∞.
    /// Population methods assume it is deterministic: a point's value is not measured twice.
    /// </param>
    /// <param name="options">Budgets, stopping criteria, the initial search scale and the seed.</param>
    /// <param name="progress">Receives one report per iteration (the last one may be partial); may be null.</param>
    /// <param name="cancellationToken">Ends the search early with <see cref="GradientFreeStopReason.Cancelled"/>; the best point so far is still written.</param>
    /// <returns>The best value, the evaluations and iterations used and why the search stopped.</returns>
    /// <exception cref="ArgumentException"><paramref name="point"/> is empty or not finite, or an option is out of range for this optimiser.</exception>
    GradientFreeResult Minimize(
        Span<float> point,
        Func<ReadOnlySpan<float>, double> objective,
        GradientFreeOptions options,
        IProgress<GradientFreeReport>? progress = null,
        CancellationToken cancellationToken = default);
}

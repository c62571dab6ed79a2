using System;
using System.Collections.Generic;

namespace DslNet;

/// <summary>
/// An L1 and/or L2 penalty on a network's parameters, in Keras' convention: the trainer adds
/// <c>α₁·Σ|w| + α₂·Σw²</c> to each step's (mean) loss and <c>α₁·sign(w) + 2·α₂·w</c> to the gradients,
/// after back-propagation and before the optimiser. Weights only unless <see cref="IncludeBiases"/>;
/// every layer unless <see cref="Layers"/> names some. Pass penalties in <see cref="TrainerOptions.Penalties"/>;
/// several penalties on one layer add up.
/// </summary>
/// <remarks>
/// An L2 rate α₂ here equals a PyTorch <c>weight_decay</c> of 2·α₂ under plain SGD. For decoupled weight
/// decay with adaptive optimisers, prefer AdamW's own decay over an L2 penalty.
/// </remarks>
public sealed class WeightPenalty
{
    /// <summary>Creates a penalty with both rates; either may be zero.</summary>
    /// <param name="l1">α₁, the rate of <c>Σ|w|</c>; finite and non-negative.</param>
    /// <param name="l2">α₂, the rate of <c>Σw²</c>; finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite.</exception>
    public WeightPenalty(float l1 = 0f, float l2 = 0f)
    {
        L1Rate = CheckRate(l1, nameof(l1));
        L2Rate = CheckRate(l2, nameof(l2));
    }

    /// <summary>α₁, the rate of the L1 term <c>Σ|w|</c>.</summary>
    public float L1Rate { get; }

    /// <summary>α₂, the rate of the L2 term <c>Σw²</c>.</summary>
    public float L2Rate { get; }

    /// <summary>
    /// The layers penalised, by the names in the network's <see cref="ParameterLayout"/> (<c>dense1</c>, …);
    /// empty (the default) means every layer. An unknown name fails when the trainer is created.
    /// </summary>
    public IReadOnlyList<string> Layers { get; init; } = [];

    /// <summary>Whether bias slices are penalised too; false by default, as in Keras and common practice.</summary>
    public bool IncludeBiases { get; init; }

    /// <summary>An L1 penalty <c>α·Σ|w|</c> on the weights of <paramref name="layers"/> (all layers when none are named).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public static WeightPenalty L1(float alpha, params string[] layers) => new(l1: alpha) { Layers = layers };

    /// <summary>An L2 penalty <c>α·Σw²</c> on the weights of <paramref name="layers"/> (all layers when none are named).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public static WeightPenalty L2(float alpha, params string[] layers) => new(l2: alpha) { Layers = layers };

    /// <summary>Both terms, <c>α₁·Σ|w| + α₂·Σw²</c> (an elastic net), on the weights of <paramref name="layers"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is negative or not finite.</exception>
    public static WeightPenalty L1L2(float l1, float l2, params string[] layers) => new(l1, l2) { Layers = layers };

    /// <inheritdoc />
    public override string ToString()
    {
        string terms = (L1Rate, L2Rate) switch
        {
            ( > 0, > 0) => $"L1 {L1Rate:G3} + L2 {L2Rate:G3}",
            ( > 0, _) => $"L1 {L1Rate:G3}",
            _ => $"L2 {L2Rate:G3}",
        };
        string where = Layers.Count == 0 ? "all layers" : string.Join(", ", Layers);
        return $"{terms} on {where}{(IncludeBiases ? " (weights and biases)" : "")}";
    }

    private static float CheckRate(float rate, string name)
    {
        if (!(rate >= 0) || !float.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{nameof(WeightPenalty)}: a penalty rate must be finite and non-negative.");
        }
        return rate;
    }
}

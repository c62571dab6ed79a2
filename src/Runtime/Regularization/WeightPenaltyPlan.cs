using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// The penalties of a run resolved against one network's layout: for each slice, the summed L1 and L2
/// rates. Built once when the trainer is created, so a step only walks a short array.
/// </summary>
internal sealed class WeightPenaltyPlan
{
    private readonly Term[] _terms;

    private WeightPenaltyPlan(Term[] terms) => _terms = terms;

    /// <summary>The plan, or null when no penalty has a positive rate on any slice.</summary>
    /// <exception cref="ArgumentException">A penalty names a layer the layout does not have.</exception>
    public static WeightPenaltyPlan? Create(IReadOnlyList<WeightPenalty> penalties, ParameterLayout layout)
    {
        var l1 = new float[layout.Count];
        var l2 = new float[layout.Count];
        var known = new HashSet<string>(layout.Select(s => s.Layer), StringComparer.Ordinal);
        foreach (var penalty in penalties)
        {
            ArgumentNullException.ThrowIfNull(penalty, nameof(TrainerOptions.Penalties));
            foreach (string layer in penalty.Layers)
            {
                if (!known.Contains(layer))
                {
                    throw new ArgumentException(
                        $"The penalty '{penalty}' names layer '{layer}', but the network's layers are {string.Join(", ", known)}.",
                        nameof(TrainerOptions.Penalties));
                }
            }
            for (int i = 0; i < layout.Count; i++)
            {
                var slice = layout[i];
                bool layerMatches = penalty.Layers.Count == 0 || penalty.Layers.Contains(slice.Layer, StringComparer.Ordinal);
                bool kindMatches = slice.Kind == ParameterKind.Weight || (slice.Kind == ParameterKind.Bias && penalty.IncludeBiases);
                if (layerMatches && kindMatches)
                {
                    l1[i] += penalty.L1Rate;
                    l2[i] += penalty.L2Rate;
                }
            }
        }
        var terms = new List<Term>();
        for (int i = 0; i < layout.Count; i++)
        {
            if (l1[i] > 0 || l2[i] > 0) terms.Add(new Term(layout[i].Offset, layout[i].Length, l1[i], l2[i]));
        }
        return terms.Count == 0 ? null : new WeightPenaltyPlan(terms.ToArray());
    }

    /// <summary>Returns the penalty of <paramref name="parameters"/> and adds its gradient to <paramref name="gradients"/>.</summary>
    public float Apply(ReadOnlySpan<float> parameters, Span<float> gradients)
    {
        double penalty = 0;
        foreach (var term in _terms)
        {
            ReadOnlySpan<float> w = parameters.Slice(term.Offset, term.Length);
            Span<float> g = gradients.Slice(term.Offset, term.Length);
            if (term.L1 > 0)
            {
                penalty += (double)term.L1 * TensorPrimitives.SumOfMagnitudes(w);
                AddScaledSign(w, term.L1, g);
            }
            if (term.L2 > 0)
            {
                penalty += (double)term.L2 * TensorPrimitives.SumOfSquares(w);
                TensorPrimitives.MultiplyAdd(w, 2f * term.L2, g, g);
            }
        }
        return (float)penalty;
    }

    /// <summary>g += α·sign(w), with sign(0) = 0 so exact zeros stay put (the subgradient Keras and PyTorch use).</summary>
    private static void AddScaledSign(ReadOnlySpan<float> w, float alpha, Span<float> g)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var positive = new Vector<float>(alpha);
            var negative = new Vector<float>(-alpha);
            for (; i + Vector<float>.Count <= w.Length; i += Vector<float>.Count)
            {
                var v = new Vector<float>(w.Slice(i));
                var sign = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), positive, Vector<float>.Zero)
                    + Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), negative, Vector<float>.Zero);
                (new Vector<float>(g.Slice(i)) + sign).CopyTo(g.Slice(i));
            }
        }
        for (; i < w.Length; i++)
        {
            float v = w[i];
            g[i] += v > 0 ? alpha : v < 0 ? -alpha : 0f;
        }
    }

    private readonly record struct Term(int Offset, int Length, float L1, float L2);
}

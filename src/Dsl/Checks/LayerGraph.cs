using System;
using System.Collections.Generic;
using System.Linq;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// Which tensor each layer reads, resolved from the names the declaration gives (<c>From</c>, a merge layer's inputs)
/// or, without one, the layer declared before it. Tensors are numbered as nodes: 0 is the network's input and k the
/// output of the layer at position k − 1 (its <see cref="LayerSpec.Index"/>). A name must be declared before the layer
/// that reads it, so the graph has no cycles and declaration order is an order to compute it in.
/// </summary>
internal sealed class LayerGraph
{
    /// <summary>A name that could not be resolved; the problem is reported.</summary>
    public const int Unresolved = -1;

    private LayerGraph(IReadOnlyList<IReadOnlyList<int>> sources, IReadOnlyList<int> sourcePositions)
    {
        Sources = sources;
        SourcePositions = sourcePositions;
    }

    /// <summary>For each layer position, the nodes it reads in order (one, or a merge layer's inputs).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Sources { get; }

    /// <summary>For each layer position, the position of the layer it reads first (-1: the input or unresolved).</summary>
    public IReadOnlyList<int> SourcePositions { get; }

    public static LayerGraph Resolve(NetworkSpec network, List<Problem> problems)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (!positions.ContainsKey(network.Layers[i].Name)) positions.Add(network.Layers[i].Name, i);
        }
        var sources = new List<IReadOnlyList<int>>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var named = layer.NamedInputs;
            if (named.Count == 0)
            {
                sources.Add(layer is MergeSpec ? [] : [i]);
                continue;
            }
            sources.Add(named.Select(reference => Node(network, positions, i, reference, problems)).ToArray());
        }
        if (!problems.Any(p => p.Severity == ProblemSeverity.Error)) ReportUnread(network, sources, problems);
        var sourcePositions = sources.Select(s => s.Count == 0 || s[0] == Unresolved ? -1 : s[0] - 1).ToArray();
        return new LayerGraph(sources, sourcePositions);
    }

    /// <summary>The node <paramref name="reference"/> names for the layer at <paramref name="position"/>, or <see cref="Unresolved"/> after a report.</summary>
    private static int Node(NetworkSpec network, Dictionary<string, int> positions, int position, LayerReference reference, List<Problem> problems)
    {
        var layer = network.Layers[position];
        if (reference.Name == LayerReference.InputName) return 0;
        if (positions.TryGetValue(reference.Name, out int source))
        {
            if (source < position) return source + 1;
            string which = source == position ? "which is itself" : $"which is declared after it ({ShapeInference.Describe(network.Layers[source])})";
            problems.Add(ProblemCatalogue.ReadsLaterLayer.At(reference.Location, ShapeInference.Describe(layer), reference.Name, which));
            return Unresolved;
        }
        var readable = new[] { LayerReference.InputName }.Concat(network.Layers.Take(position).Select(l => l.Name)).Select(n => $"'{n}'");
        problems.Add(ProblemCatalogue.UnknownLayerName.At(reference.Location, ShapeInference.Describe(layer), reference.Name, string.Join(", ", readable)));
        return Unresolved;
    }

    /// <summary>A layer before the last whose output no layer reads computes nothing the network returns (a warning).</summary>
    private static void ReportUnread(NetworkSpec network, List<IReadOnlyList<int>> sources, List<Problem> problems)
    {
        var read = new HashSet<int>(sources.SelectMany(s => s));
        for (int i = 0; i + 1 < network.Layers.Count; i++)
        {
            if (!read.Contains(i + 1))
            {
                problems.Add(ProblemCatalogue.UnreadOutput.At(network.Layers[i].Location, ShapeInference.Describe(network.Layers[i])));
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;

namespace DslNet.Generator.Emit;

/// <summary>
/// Who reads which tensor, for the orchestration: nodes as in <see cref="DslNet.Checks.LayerGraph"/> (0 the network
/// input, i + 1 the output of layers[i]). Backward walks the layers in reverse; a tensor read by several layers gets
/// the first gradient written into its buffer and every later one added, and its activation backward applied once,
/// after the last (the reader declared first). A view (Flatten) shares its source's buffers, so its readers count as
/// readers of the source. Layers whose output never reaches the network's output take no part in backward.
/// </summary>
internal sealed class EmittedGraph
{
    private readonly List<LayerEmitter> _layers;
    private readonly int _inputSize;
    private readonly bool[] _live;
    private readonly int[] _contributions;
    private readonly Dictionary<(int Layer, int Input), (bool Accumulates, bool IsLast)> _order = new();

    public EmittedGraph(List<LayerEmitter> layers, int inputSize)
    {
        _layers = layers;
        _inputSize = inputSize;
        int nodes = layers.Count + 1;
        var liveNodes = new bool[nodes];
        liveNodes[nodes - 1] = true;
        _live = new bool[layers.Count];
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            if (!liveNodes[i + 1]) continue;
            _live[i] = true;
            foreach (int source in layers[i].Shape.Sources) liveNodes[source] = true;
        }

        _contributions = new int[nodes];
        foreach (var (layer, input, storage) in Contributions()) _contributions[storage]++;
        var written = new int[nodes];
        foreach (var (layer, input, storage) in Contributions())
        {
            written[storage]++;
            _order[(layer, input)] = (written[storage] > 1, written[storage] == _contributions[storage]);
            if (written[storage] > 1 && !layers[layer].AccumulatesInputGradient)
            {
                ScratchSize = System.Math.Max(ScratchSize, Size(storage));
            }
        }
    }

    /// <summary>Floats per sample of the scratch buffer a layer writes its share into before it is added; 0: none needed.</summary>
    public int ScratchSize { get; }

    /// <summary>Whether layers[i]'s output reaches the network's output, so backward runs through it.</summary>
    public bool IsLive(int i) => _live[i];

    /// <summary>Whether the tensor input <paramref name="input"/> of layers[i] reads has other readers that write its gradient first: add, do not overwrite.</summary>
    public bool Accumulates(int i, int input) => _order[(i, input)].Accumulates;

    /// <summary>Whether layers[i] is the last to add to that tensor's gradient: its activation backward comes after it.</summary>
    public bool IsLastContribution(int i, int input) => _order[(i, input)].IsLast;

    /// <summary>Whether one reader alone writes the gradient of the tensor input <paramref name="input"/> of layers[i] reads.</summary>
    public bool HasOneReader(int i, int input) => _contributions[Storage(_layers[i].Shape.Sources[input])] == 1;

    /// <summary>Whether layers[i + 1] alone reads layers[i]'s output, so the two may run as one fused pass.</summary>
    public bool OnlyReaderIsNext(int i) =>
        _layers[i + 1].Shape.Sources.SequenceEqual([i + 1]) && _layers.Count(l => l.Shape.Sources.Contains(i + 1)) == 1;

    /// <summary>Every gradient a live layer passes to a tensor it reads, in the order backward writes them.</summary>
    private IEnumerable<(int Layer, int Input, int Storage)> Contributions()
    {
        for (int i = _layers.Count - 1; i >= 0; i--)
        {
            if (!_live[i] || _layers[i].IsView) continue;
            var sources = _layers[i].Shape.Sources;
            for (int k = 0; k < sources.Count; k++) yield return (i, k, Storage(sources[k]));
        }
    }

    /// <summary>The node whose buffers hold <paramref name="node"/>: itself, or for a view its source's.</summary>
    private int Storage(int node) => node > 0 && _layers[node - 1].IsView ? Storage(_layers[node - 1].Shape.Sources[0]) : node;

    private int Size(int node) => node == 0 ? _inputSize : _layers[node - 1].Shape.Output.Size;
}

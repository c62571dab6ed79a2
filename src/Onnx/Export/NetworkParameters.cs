using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.Onnx.Export;

/// <summary>A network's parameter slices by layer and part name (<c>dense1</c>, <c>weight</c>), read from its <see cref="INetwork.Layout"/>.</summary>
internal sealed class NetworkParameters
{
    private readonly INetwork _network;
    private readonly Dictionary<(string Layer, string Part), ParameterSlice> _slices = new();

    public NetworkParameters(INetwork network)
    {
        _network = network;
        foreach (var slice in network.Layout) _slices[(slice.Layer, slice.Name)] = slice;
    }

    /// <summary>The slice <paramref name="layer"/>.<paramref name="part"/>, checked to have <paramref name="shape"/>.</summary>
    /// <exception cref="InvalidOperationException">The layout has no such slice, or it has another shape.</exception>
    public ParameterSlice Slice(string layer, string part, params int[] shape)
    {
        if (!_slices.TryGetValue((layer, part), out var slice))
        {
            throw new InvalidOperationException($"The network's layout has no parameter '{layer}.{part}'; it has: {string.Join(", ", _slices.Keys.Select(k => k.Layer + "." + k.Part))}.");
        }
        if (!slice.Shape.SequenceEqual(shape))
        {
            throw new InvalidOperationException($"Parameter '{layer}.{part}' has shape [{string.Join(", ", slice.Shape)}]; its layer's description implies [{string.Join(", ", shape)}].");
        }
        return slice;
    }

    /// <summary>The values of <paramref name="slice"/>.</summary>
    public ReadOnlySpan<float> Values(ParameterSlice slice) => _network.Parameters.Slice(slice.Offset, slice.Length);
}

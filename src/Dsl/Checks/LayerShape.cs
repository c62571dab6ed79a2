using System.Linq;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// A layer with its inferred input and output shapes, its parameter slices and, for a composite, the layers it is made of.
/// <see cref="Sources"/> are the nodes it reads (<see cref="LayerGraph"/>: 0 the network input, k the output of the layer
/// with index k) and <see cref="Inputs"/> their shapes; <see cref="Input"/> is the first. A sublayer has none.
/// </summary>
internal sealed record LayerShape(
    LayerSpec Layer, Shape Input, Shape Output, EquatableArray<ParameterPart> Parameters, EquatableArray<LayerShape> Sublayers)
{
    public EquatableArray<int> Sources { get; init; } = EquatableArray<int>.Empty;

    public EquatableArray<Shape> Inputs { get; init; } = EquatableArray<Shape>.Empty;

    /// <summary>Reads the layer declared before it (or the input, for the first): what every layer of a stack does.</summary>
    public bool ReadsPrevious => Sources.Count == 1 && Sources[0] == Layer.Index - 1;

    /// <summary>The layer's shapes with the parameters and sublayers its kind gives them.</summary>
    public static LayerShape Of(LayerSpec layer, Shape input, Shape output) => new(
        layer, input, output, layer.Parameters(input, output).ToEquatableArray(), layer.Sublayers(input, output).ToEquatableArray());

    /// <summary>Floats in all the layer's slices; shape inference keeps it within <see cref="ShapeInference.MaxElements"/>.</summary>
    public long ParameterLength => Parameters.Sum(p => p.Length);

    public int ParameterCount => (int)ParameterLength;
}

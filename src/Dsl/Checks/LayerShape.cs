using System.Linq;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// A layer with its inferred input and output shapes, its parameter slices and, for a composite, the layers it is made of.
/// </summary>
internal sealed record LayerShape(
    LayerSpec Layer, Shape Input, Shape Output, EquatableArray<ParameterPart> Parameters, EquatableArray<LayerShape> Sublayers)
{
    /// <summary>The layer's shapes with the parameters and sublayers its kind gives them.</summary>
    public static LayerShape Of(LayerSpec layer, Shape input, Shape output) => new(
        layer, input, output, layer.Parameters(input, output).ToEquatableArray(), layer.Sublayers(input, output).ToEquatableArray());

    /// <summary>Floats in all the layer's slices; shape inference keeps it within <see cref="ShapeInference.MaxElements"/>.</summary>
    public long ParameterLength => Parameters.Sum(p => p.Length);

    public int ParameterCount => (int)ParameterLength;
}

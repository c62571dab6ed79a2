using DslNet.Model;

namespace DslNet.Checks;

/// <summary>A layer with its inferred input and output shapes and its parameter count.</summary>
internal sealed record LayerShape(LayerSpec Layer, Shape Input, Shape Output, int ParameterCount);

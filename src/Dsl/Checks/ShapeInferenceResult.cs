using System.Linq;
using DslNet.Model;

namespace DslNet.Checks;

/// <summary>
/// What shape inference learned: the shape at every layer (as far as it could follow them) and the
/// problems it found. A network with any error-severity problem must not be emitted.
/// </summary>
internal sealed record ShapeInferenceResult(
    Shape? Input, EquatableArray<LayerShape> Layers, EquatableArray<Problem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public Shape Output => Layers.Count > 0 ? Layers[Layers.Count - 1].Output : Input ?? new Shape();

    public int ParameterCount => Layers.Sum(l => l.ParameterCount);
}

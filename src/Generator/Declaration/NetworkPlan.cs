using System.Linq;
using DslNet.Checks;

namespace DslNet.Generator.Declaration;

/// <summary>A declaration with its shapes inferred: everything the emitters and diagnostics need.</summary>
internal sealed record NetworkPlan(NetworkDeclaration Declaration, ShapeInferenceResult Shapes)
{
    /// <summary>Full code is emitted only for a network with no error at all; otherwise a stub.</summary>
    public bool CanEmit =>
        !Declaration.HasCompilerErrors && !Shapes.HasErrors &&
        Declaration.ClassProblems.All(p => p.Severity != ProblemSeverity.Error);
}

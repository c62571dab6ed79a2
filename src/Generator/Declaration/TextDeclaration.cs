using System.Linq;
using DslNet.Checks;
using DslNet.Model;
using DslNet.Text;

namespace DslNet.Generator.Declaration;

/// <summary>
/// A .dnn file as the generator sees it: the parsed document and, when it parsed cleanly and names a
/// class, the same <see cref="NetworkPlan"/> an attribute declaration would give.
/// </summary>
internal sealed record TextDeclaration(DnnDocument Document, NetworkPlan? Plan)
{
    public static TextDeclaration From(DnnDocument document)
    {
        bool parsed = document.HasNetworkName && document.Problems.All(p => p.Severity != ProblemSeverity.Error);
        if (!parsed) return new TextDeclaration(document, null);
        var target = new NetworkTarget(document.Namespace, document.ClassName, EquatableArray<ContainingType>.Empty);
        var declaration = new NetworkDeclaration(target, document.Spec, EquatableArray<Problem>.Empty, HasCompilerErrors: false);
        return new TextDeclaration(document, new NetworkPlan(declaration, ShapeInference.Infer(document.Spec)));
    }

    /// <summary>Syntax problems, then (for a clean parse) shape problems.</summary>
    public EquatableArray<Problem> Problems =>
        Document.Problems.Concat(Plan?.Shapes.Problems ?? EquatableArray<Problem>.Empty).ToEquatableArray();
}

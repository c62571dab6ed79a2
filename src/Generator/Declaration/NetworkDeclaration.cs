using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Generator.Declaration;

/// <summary>
/// What the generator read off one [Network] class: where the code goes, the architecture, and the
/// problems with the class itself (not partial, generic, ...). <see cref="HasCompilerErrors"/> is set
/// when an attribute did not bind (the C# compiler reports that one; we only keep quiet and emit a stub).
/// </summary>
internal sealed record NetworkDeclaration(
    NetworkTarget Target, NetworkSpec Spec, EquatableArray<Problem> ClassProblems, bool HasCompilerErrors);

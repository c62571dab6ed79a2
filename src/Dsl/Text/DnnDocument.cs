using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Text;

/// <summary>
/// A parsed .dnn file: the class it names (<see cref="Namespace"/> may be empty; <see cref="ClassName"/> is
/// empty when the file names none), the network in the same model the attributes produce, and the syntax problems.
/// </summary>
internal sealed record DnnDocument(string Path, string Namespace, string ClassName, NetworkSpec Spec, EquatableArray<Problem> Problems)
{
    public bool HasNetworkName => ClassName.Length > 0;
}

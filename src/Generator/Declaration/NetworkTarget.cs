using DslNet.Model;

namespace DslNet.Generator.Declaration;

/// <summary>The class the generated code goes into: plain strings, so the pipeline caches.</summary>
internal sealed record NetworkTarget(string Namespace, string Name, EquatableArray<ContainingType> ContainingTypes)
{
    /// <summary><c>Samples.Digits.DigitsMlp</c>: stable, used for the hint name.</summary>
    public string FullName
    {
        get
        {
            var name = Namespace.Length > 0 ? Namespace + "." : string.Empty;
            foreach (var type in ContainingTypes) name += type.Name + ".";
            return name + Name;
        }
    }
}

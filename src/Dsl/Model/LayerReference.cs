namespace DslNet.Model;

/// <summary>
/// A layer named as another layer's input (<c>From = "block1"</c>, or one of a merge layer's inputs), with where the
/// name was written: <see cref="InputName"/> names the network's input.
/// </summary>
internal sealed record LayerReference(string Name, SourceLocation Location)
{
    /// <summary>The name that refers to the network's input, so that a layer after the first can read it again.</summary>
    public const string InputName = "input";
}

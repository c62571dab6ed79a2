namespace DslNet.Model;

/// <summary><c>[Input(...)]</c>: the shape of one sample, as declared.</summary>
public sealed record InputSpec(EquatableArray<int> Dimensions, SourceLocation Location);

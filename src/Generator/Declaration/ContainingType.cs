namespace DslNet.Generator.Declaration;

/// <summary>A type the network class is nested in, as its partial re-declaration needs it: <c>partial class Outer</c>.</summary>
internal sealed record ContainingType(string Keyword, string Name);

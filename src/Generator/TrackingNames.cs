namespace DslNet.Generator;

/// <summary>Names of the pipeline stages, so tests can check each one is cached.</summary>
public static class TrackingNames
{
    public const string Declarations = nameof(Declarations);
    public const string Plans = nameof(Plans);
    public const string TextDocuments = nameof(TextDocuments);
    public const string TextPlans = nameof(TextPlans);
}

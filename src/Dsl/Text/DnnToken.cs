using DslNet.Model;

namespace DslNet.Text;

/// <summary>One token with its text and where it stands (line and column 0-based, as in Roslyn).</summary>
internal readonly record struct DnnToken(DnnTokenKind Kind, string Text, SourceLocation Location)
{
    /// <summary>How messages show the token: its text, or a description for line ends.</summary>
    public string Display => Kind switch
    {
        DnnTokenKind.NewLine => "end of line",
        DnnTokenKind.EndOfFile => "end of file",
        _ => Text,
    };
}

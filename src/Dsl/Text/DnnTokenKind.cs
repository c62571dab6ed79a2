namespace DslNet.Text;

/// <summary>The kinds of token in a .dnn file.</summary>
internal enum DnnTokenKind
{
    /// <summary>A word: keyword, option, activation, or a dotted name (<c>Digits.DigitsMlp</c>).</summary>
    Word,
    /// <summary>A number, optionally signed, optionally with a fraction: <c>64</c>, <c>-1</c>, <c>0.25</c>.</summary>
    Number,
    Equals,
    Comma,
    /// <summary>The end of a line: statements are one per line.</summary>
    NewLine,
    EndOfFile,
    /// <summary>A character the language has no use for.</summary>
    Invalid,
}

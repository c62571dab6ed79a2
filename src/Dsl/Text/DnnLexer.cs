using System.Collections.Generic;
using DslNet.Model;

namespace DslNet.Text;

/// <summary>
/// Splits .dnn text into tokens. Hand-written and total: every character ends up in some token, so the
/// parser, not the lexer, decides what is wrong, and nothing here can throw on bad input.
/// </summary>
internal static class DnnLexer
{
    public static List<DnnToken> Tokenize(string path, string text)
    {
        var tokens = new List<DnnToken>();
        int line = 0, lineStart = 0, i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (c == '\n' || c == '\r')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                tokens.Add(Token(DnnTokenKind.NewLine, start, i));
                line++;
                lineStart = i;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
            {
                i++;
                continue;
            }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                continue;
            }
            if (IsDigit(c) || ((c == '-' || c == '+') && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && IsDigit(text[i])) i++;
                if (i + 1 < text.Length && text[i] == '.' && IsDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && IsDigit(text[i])) i++;
                }
                tokens.Add(Token(DnnTokenKind.Number, start, i));
                continue;
            }
            if (IsWordStart(c))
            {
                while (i < text.Length && (IsWordStart(text[i]) || IsDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add(Token(DnnTokenKind.Word, start, i));
                continue;
            }
            i++;
            tokens.Add(Token(c == '=' ? DnnTokenKind.Equals : c == ',' ? DnnTokenKind.Comma : DnnTokenKind.Invalid, start, i));
        }
        tokens.Add(Token(DnnTokenKind.EndOfFile, text.Length, text.Length));
        return tokens;

        DnnToken Token(DnnTokenKind kind, int start, int end)
        {
            // A line end sits at the end of its own line; everything else lies within one line.
            int column = start - lineStart;
            return new DnnToken(kind, text.Substring(start, end - start),
                new SourceLocation(path, start, end - start, line, column, line, column + (kind == DnnTokenKind.NewLine ? 0 : end - start)));
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNet.Checks;
using DslNet.Model;

namespace DslNet.Text;

/// <summary>
/// A recursive-descent parser for .dnn files (grammar: docs/dsl.md). One statement per line; after an
/// error it reports, skips to the next line and goes on, so one build shows every mistake in the file.
/// It produces the same <see cref="NetworkSpec"/> as the attributes, and never throws on bad input.
/// </summary>
internal sealed class DnnParser
{
    private static readonly string[] Statements =
        ["network", "input", .. LayerKinds.All.Select(kind => kind.Keywords[0]), "loss"];

    private readonly string _path;
    private readonly List<DnnToken> _tokens;
    private readonly List<Problem> _problems = new();
    private readonly List<InputSpec> _inputs = new();
    private readonly List<LayerSpec> _layers = new();
    private int _position;
    private string _namespace = string.Empty;
    private string _className = string.Empty;
    private DnnToken? _networkToken;
    private LossKind _loss;
    private SourceLocation _lossLocation = SourceLocation.None;

    private DnnParser(string path, string text)
    {
        _path = path;
        _tokens = DnnLexer.Tokenize(path, text);
    }

    public static DnnDocument Parse(string path, string text) => new DnnParser(path, text).ParseDocument();

    private DnnToken Current => _tokens[_position];

    private DnnDocument ParseDocument()
    {
        while (Current.Kind != DnnTokenKind.EndOfFile)
        {
            if (Current.Kind == DnnTokenKind.NewLine)
            {
                _position++;
                continue;
            }
            int problemsBefore = _problems.Count;
            ParseStatement();
            if (_problems.Count == problemsBefore && !AtLineEnd)
            {
                Error($"Unexpected '{Current.Display}' after the statement; one statement per line");
            }
            SkipToNextLine();
        }

        string name = _className.Length > 0 ? _className : System.IO.Path.GetFileNameWithoutExtension(_path);
        var location = _networkToken?.Location ?? new SourceLocation(_path, 0, 0, 0, 0, 0, 0);
        if (_networkToken is null)
        {
            _problems.Add(ProblemCatalogue.DslMissingNetwork.At(location, System.IO.Path.GetFileName(_path)));
        }
        var spec = new NetworkSpec(name, location, _inputs.ToEquatableArray(), _layers.ToEquatableArray(), _loss, _lossLocation);
        return new DnnDocument(_path, _namespace, _className, spec, _problems.ToEquatableArray());
    }

    private void ParseStatement()
    {
        var keyword = Current;
        if (keyword.Kind != DnnTokenKind.Word)
        {
            Error($"Expected a statement ({string.Join(", ", Statements)}), found '{keyword.Display}'");
            return;
        }
        _position++;
        string statement = keyword.Text.ToLowerInvariant();
        switch (statement)
        {
            case "network": ParseNetwork(keyword); break;
            case "input": ParseInput(keyword); break;
            case "loss": ParseLoss(keyword); break;
            default:
                if (LayerKinds.ForKeyword(statement) is { } layer)
                {
                    ParseLayer(keyword, layer);
                }
                else
                {
                    _problems.Add(ProblemCatalogue.DslUnknownName.At(keyword.Location, "statement", keyword.Text, string.Join(", ", Statements)));
                }
                break;
        }
    }

    // network Namespace.ClassName
    private void ParseNetwork(DnnToken keyword)
    {
        if (!Expect(DnnTokenKind.Word, "a class name such as Digits.DigitsMlp", keyword, out var name)) return;
        var parts = name.Text.Split('.');
        if (parts.Any(p => p.Length == 0 || !(char.IsLetter(p[0]) || p[0] == '_')))
        {
            _problems.Add(ProblemCatalogue.DslSyntax.At(name.Location, $"'{name.Text}' is not a class name; expected Namespace.ClassName"));
            return;
        }
        if (_networkToken is { } first)
        {
            _problems.Add(ProblemCatalogue.DslSyntax.At(keyword.Location,
                $"A .dnn file declares one network; 'network' already appeared on line {first.Location.StartLine + 1}"));
            return;
        }
        _networkToken = name;
        _className = parts[parts.Length - 1];
        _namespace = string.Join(".", parts.Take(parts.Length - 1));
    }

    // input 1, 28, 28 | input sequence 32 | input sequence
    private void ParseInput(DnnToken keyword)
    {
        var dimensions = new List<int>();
        DnnToken last = keyword;
        if (Current.Kind == DnnTokenKind.Word && string.Equals(Current.Text, "sequence", StringComparison.OrdinalIgnoreCase))
        {
            last = _tokens[_position++];
            if (AtLineEnd)
            {
                _inputs.Add(new InputSpec(dimensions.ToEquatableArray(), Span(keyword, last), IsSequence: true));
                return;
            }
            if (!ExpectNumber("a step dimension", last, out int first, out last)) return;
            dimensions.Add(first);
            while (Current.Kind == DnnTokenKind.Comma)
            {
                last = _tokens[_position++];
                if (!ExpectNumber("a step dimension", last, out int value, out last)) return;
                dimensions.Add(value);
            }
            _inputs.Add(new InputSpec(dimensions.ToEquatableArray(), Span(keyword, last), IsSequence: true));
            return;
        }
        do
        {
            if (dimensions.Count > 0) last = _tokens[_position++]; // the comma
            if (!ExpectNumber("a dimension", last, out int value, out last)) return;
            dimensions.Add(value);
        }
        while (Current.Kind == DnnTokenKind.Comma);
        _inputs.Add(new InputSpec(dimensions.ToEquatableArray(), Span(keyword, last)));
    }

    /// <summary>
    /// A layer statement, read through its kind's syntax: the positional values after the keyword, then <c>key=value</c>
    /// options to the end of the line (<c>dense 64 activation=relu name=hidden</c>, <c>conv2d 8 kernel=3 stride=2</c>).
    /// </summary>
    private void ParseLayer(DnnToken keyword, LayerSyntax syntax)
    {
        var positional = new List<(LayerArgument Argument, object Value, SourceLocation Location)>();
        DnnToken last = keyword;
        foreach (var argument in syntax.Arguments.Where(a => a.IsPositional && !a.IsTextOption))
        {
            if (!ExpectValue(argument, last, out object value, out last)) return;
            positional.Add((argument, value, last.Location));
        }
        var allowed = syntax.Arguments.Where(a => !a.IsPositional || a.IsTextOption).Select(a => a.TextKey).Append("name")
            .Concat(syntax.TakesFrom ? [FromOption] : []).ToArray();
        var numeric = syntax.Arguments.Where(a => a.Type is ArgumentType.Integer or ArgumentType.Number).Select(a => a.TextKey).ToArray();
        var choices = syntax.Arguments.Where(a => a.Type is ArgumentType.Choice).Select(a => a.TextKey).ToArray();
        if (!ParseOptions(allowed, numeric, choices, last, out var options, out last)) return;

        var span = Span(keyword, last);
        var from = options.TryGetValue(FromOption, out var source) ? new LayerReference(source.Text, source.Location) : null;
        var values = new LayerValues(_layers.Count + 1, Name(options), span, from);
        foreach (var (argument, value, location) in positional) values.Set(argument.Property, value, location);
        foreach (var argument in syntax.Arguments.Where(a => !a.IsPositional || a.IsTextOption))
        {
            if (!options.TryGetValue(argument.TextKey, out var token))
            {
                if (argument.IsTextOption)
                {
                    _problems.Add(ProblemCatalogue.DslSyntax.At(keyword.Location, $"{syntax.Keywords[0]} needs {argument.What}, as in '{argument.TextExample}'"));
                    return;
                }
                values.Set(argument.Property, argument.Default, span);
                continue;
            }
            if (!OptionValue(argument, token, out object value)) return;
            values.Set(argument.Property, value, token.Location);
        }
        _layers.Add(syntax.Build(values));
    }

    /// <summary>A positional value after <paramref name="previous"/>: a whole number, a number for a rate, or layer names.</summary>
    private bool ExpectValue(LayerArgument argument, DnnToken previous, out object value, out DnnToken token)
    {
        value = argument.Default;
        if (argument.Type == ArgumentType.LayerNames)
        {
            var names = new List<LayerReference>();
            token = previous;
            do
            {
                if (names.Count > 0) token = _tokens[_position++]; // the comma
                if (!Expect(DnnTokenKind.Word, "a layer name", token, out token)) return false;
                names.Add(new LayerReference(token.Text, token.Location));
            }
            while (Current.Kind == DnnTokenKind.Comma);
            value = names.ToEquatableArray();
            return true;
        }
        if (argument.Type == ArgumentType.Integer)
        {
            bool read = ExpectNumber(argument.What, previous, out int integer, out token);
            value = integer;
            return read;
        }
        if (!Expect(DnnTokenKind.Number, argument.What, previous, out token)) return false;
        if (double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            value = number;
            return true;
        }
        _problems.Add(ProblemCatalogue.DslSyntax.At(token.Location, $"'{token.Text}' is not a number that fits {argument.What}"));
        return false;
    }

    /// <summary>An option's value as its argument's type: a whole number, true or false, or one of an enum's names.</summary>
    private bool OptionValue(LayerArgument argument, DnnToken token, out object value)
    {
        value = argument.Default;
        switch (argument.Type)
        {
            case ArgumentType.Integer:
                bool read = Integer(token, argument.What, out int integer);
                value = integer;
                return read;
            case ArgumentType.Number:
                if (double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                {
                    value = number;
                    return true;
                }
                _problems.Add(ProblemCatalogue.DslSyntax.At(token.Location, $"'{token.Text}' is not a number for {argument.TextKey}"));
                return false;
            case ArgumentType.Flag:
                if (bool.TryParse(token.Text, out bool flag))
                {
                    value = flag;
                    return true;
                }
                _problems.Add(ProblemCatalogue.DslUnknownName.At(token.Location, argument.TextKey, token.Text, "true, false"));
                return false;
            case ArgumentType.Choice:
                var choices = argument.Choices!;
                if (TryParseEnum(choices, token.Text, out var choice))
                {
                    value = choice;
                    return true;
                }
                string expected = Names(choices);
                // PyTorch's padding=1 is this grammar's padding_size=1: say so where a number meets the valid/same choice.
                if (choices == typeof(Padding) && int.TryParse(token.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    expected += $" (for {token.Text} zeros on each side, as PyTorch's padding={token.Text}, write padding_size={token.Text})";
                }
                _problems.Add(ProblemCatalogue.DslUnknownName.At(token.Location, argument.TextKey, token.Text, expected));
                return false;
            default:
                _problems.Add(ProblemCatalogue.DslSyntax.At(token.Location, $"'{token.Text}' is not a value for {argument.TextKey}"));
                return false;
        }
    }

    /// <summary>Reads <c>key=value</c> pairs to the end of the line; the values stay tokens, for their locations.</summary>
    private bool ParseOptions(string[] allowed, string[] numeric, string[] choices, DnnToken previous, out Dictionary<string, DnnToken> options, out DnnToken last)
    {
        options = new Dictionary<string, DnnToken>();
        last = previous;
        while (!AtLineEnd)
        {
            if (!Expect(DnnTokenKind.Word, $"an option ({string.Join(", ", allowed.Select(a => a + "=..."))})", last, out var option)) return false;
            string key = option.Text.ToLowerInvariant();
            if (!allowed.Contains(key))
            {
                _problems.Add(ProblemCatalogue.DslUnknownName.At(option.Location, "option", option.Text, string.Join(", ", allowed)));
                return false;
            }
            if (options.ContainsKey(key))
            {
                _problems.Add(ProblemCatalogue.DslSyntax.At(option.Location, $"Option '{key}' is given twice"));
                return false;
            }
            if (!Expect(DnnTokenKind.Equals, "'='", option, out var equals)) return false;
            // A number where a word is due (padding=1) reaches the value's own check, which names what the number would mean.
            var expected = numeric.Contains(key) || Current.Kind == DnnTokenKind.Number && choices.Contains(key) ? DnnTokenKind.Number : DnnTokenKind.Word;
            if (!Expect(expected, expected == DnnTokenKind.Number ? "a number" : $"a value for {key}", equals, out var value)) return false;
            options.Add(key, value);
            last = value;
        }
        return true;
    }

    /// <summary>The option naming the layer a statement reads: <c>dense 10 from=block1</c>.</summary>
    private const string FromOption = "from";

    private static string? Name(Dictionary<string, DnnToken> options) => options.TryGetValue("name", out var name) ? name.Text : null;

    private bool Integer(DnnToken token, string what, out int value)
    {
        if (int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        _problems.Add(ProblemCatalogue.DslSyntax.At(token.Location, $"'{token.Text}' is not a whole number that fits {what}"));
        return false;
    }

    // loss softmax_cross_entropy
    private void ParseLoss(DnnToken keyword)
    {
        if (!Expect(DnnTokenKind.Word, "a loss name", keyword, out var value)) return;
        if (!TryParseEnum(typeof(LossKind), value.Text, out object parsed) || parsed is not LossKind loss || loss == LossKind.None)
        {
            _problems.Add(ProblemCatalogue.DslUnknownName.At(value.Location, "loss", value.Text, "mean_squared_error, binary_cross_entropy, softmax_cross_entropy"));
            return;
        }
        _loss = loss;
        _lossLocation = value.Location;
    }

    private bool AtLineEnd => Current.Kind is DnnTokenKind.NewLine or DnnTokenKind.EndOfFile;

    private bool Expect(DnnTokenKind kind, string what, DnnToken previous, out DnnToken token)
    {
        token = Current;
        if (token.Kind != kind)
        {
            Error($"Expected {what} after '{previous.Display}', found '{token.Display}'");
            return false;
        }
        _position++;
        return true;
    }

    private bool ExpectNumber(string what, DnnToken previous, out int value, out DnnToken token)
    {
        value = 0;
        if (!Expect(DnnTokenKind.Number, what, previous, out token)) return false;
        return Integer(token, what, out value);
    }

    private void Error(string message)
    {
        // A letter outside ASCII ends a word in the middle: say that, rather than what the rest of the word is not.
        if (NonAsciiWord() is { } word)
        {
            _problems.Add(ProblemCatalogue.DslSyntax.At(word.Location,
                $"'{word.Text}' is not an ASCII name; names, keywords and values in a .dnn file use only the letters a-z and A-Z, digits and '_' (and '.' between namespace parts)"));
            return;
        }
        _problems.Add(ProblemCatalogue.DslSyntax.At(Current.Location, message));
    }

    /// <summary>
    /// When the current token is a non-ASCII letter or digit: the whole word it stands in (the tokens that touch it
    /// on either side), such as <c>caffè</c> or <c>Suite.Caffè</c>; otherwise null.
    /// </summary>
    private DnnToken? NonAsciiWord()
    {
        if (!IsNonAsciiPart(Current)) return null;
        int first = _position, last = _position;
        while (first > 0 && IsWordPart(_tokens[first - 1]) && Touch(_tokens[first - 1], _tokens[first])) first--;
        while (last + 1 < _tokens.Count && IsWordPart(_tokens[last + 1]) && Touch(_tokens[last], _tokens[last + 1])) last++;
        string text = string.Concat(_tokens.Skip(first).Take(last - first + 1).Select(t => t.Text));
        return new DnnToken(DnnTokenKind.Invalid, text, Span(_tokens[first], _tokens[last]));

        static bool IsNonAsciiPart(DnnToken token) => token.Kind == DnnTokenKind.Invalid && token.Text.Length == 1 && token.Text[0] > 127 && char.IsLetterOrDigit(token.Text[0]);
        static bool IsWordPart(DnnToken token) => token.Kind is DnnTokenKind.Word or DnnTokenKind.Number || IsNonAsciiPart(token);
        static bool Touch(DnnToken left, DnnToken right) => left.Location.Start + left.Location.Length == right.Location.Start;
    }

    private void SkipToNextLine()
    {
        while (!AtLineEnd) _position++;
    }

    /// <summary>From the first token to the end of the last, like an attribute's span.</summary>
    private SourceLocation Span(DnnToken first, DnnToken last) => new(
        _path, first.Location.Start, last.Location.Start + last.Location.Length - first.Location.Start,
        first.Location.StartLine, first.Location.StartColumn, last.Location.EndLine, last.Location.EndColumn);

    /// <summary>Accepts <c>relu</c>, <c>ReLU</c>, <c>softmax_cross_entropy</c> and <c>SoftmaxCrossEntropy</c> alike.</summary>
    private static bool TryParseEnum(Type type, string text, out object value)
    {
        string wanted = text.Replace("_", string.Empty);
        foreach (object candidate in Enum.GetValues(type))
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = Activator.CreateInstance(type);
        return false;
    }

    private static string Names(Type type) => string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
}

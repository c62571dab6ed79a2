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
public sealed class DnnParser
{
    private static readonly string[] Statements = ["network", "input", "dense", "loss"];
    private static readonly string[] DenseOptions = ["activation", "name"];

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
        switch (keyword.Text.ToLowerInvariant())
        {
            case "network": ParseNetwork(keyword); break;
            case "input": ParseInput(keyword); break;
            case "dense": ParseDense(keyword); break;
            case "loss": ParseLoss(keyword); break;
            default:
                _problems.Add(ProblemCatalogue.DslUnknownName.At(keyword.Location, "statement", keyword.Text, string.Join(", ", Statements)));
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

    // input 1, 28, 28
    private void ParseInput(DnnToken keyword)
    {
        var dimensions = new List<int>();
        DnnToken last = keyword;
        do
        {
            if (dimensions.Count > 0) last = _tokens[_position++]; // the comma
            if (!ExpectNumber("a dimension", last, out int value, out last)) return;
            dimensions.Add(value);
        }
        while (Current.Kind == DnnTokenKind.Comma);
        _inputs.Add(new InputSpec(dimensions.ToEquatableArray(), Span(keyword, last)));
    }

    // dense 64 activation=relu name=hidden
    private void ParseDense(DnnToken keyword)
    {
        if (!ExpectNumber("the number of units", keyword, out int units, out var unitsToken)) return;
        var activation = Activation.Linear;
        string? name = null;
        var seen = new HashSet<string>();
        DnnToken last = unitsToken;
        while (!AtLineEnd)
        {
            if (!Expect(DnnTokenKind.Word, "an option (activation=..., name=...)", last, out var option)) return;
            string key = option.Text.ToLowerInvariant();
            if (!DenseOptions.Contains(key))
            {
                _problems.Add(ProblemCatalogue.DslUnknownName.At(option.Location, "dense option", option.Text, string.Join(", ", DenseOptions)));
                return;
            }
            if (!seen.Add(key))
            {
                _problems.Add(ProblemCatalogue.DslSyntax.At(option.Location, $"Option '{key}' is given twice"));
                return;
            }
            if (!Expect(DnnTokenKind.Equals, "'='", option, out var equals)) return;
            if (!Expect(DnnTokenKind.Word, key == "name" ? "a layer name" : "an activation", equals, out var value)) return;
            last = value;
            if (key == "name")
            {
                name = value.Text;
            }
            else if (!TryParseEnum(value.Text, out activation))
            {
                _problems.Add(ProblemCatalogue.DslUnknownName.At(value.Location, "activation", value.Text, Names<Activation>()));
                return;
            }
        }
        _layers.Add(new DenseSpec(_layers.Count + 1, name, Span(keyword, last), units, activation, unitsToken.Location));
    }

    // loss softmax_cross_entropy
    private void ParseLoss(DnnToken keyword)
    {
        if (!Expect(DnnTokenKind.Word, "a loss name", keyword, out var value)) return;
        if (!TryParseEnum(value.Text, out LossKind loss) || loss == LossKind.None)
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
        if (!int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            _problems.Add(ProblemCatalogue.DslSyntax.At(token.Location, $"'{token.Text}' is too large for {what}"));
            return false;
        }
        return true;
    }

    private void Error(string message) => _problems.Add(ProblemCatalogue.DslSyntax.At(Current.Location, message));

    private void SkipToNextLine()
    {
        while (!AtLineEnd) _position++;
    }

    /// <summary>From the first token to the end of the last, like an attribute's span.</summary>
    private SourceLocation Span(DnnToken first, DnnToken last) => new(
        _path, first.Location.Start, last.Location.Start + last.Location.Length - first.Location.Start,
        first.Location.StartLine, first.Location.StartColumn, last.Location.EndLine, last.Location.EndColumn);

    /// <summary>Accepts <c>relu</c>, <c>ReLU</c>, <c>softmax_cross_entropy</c> and <c>SoftmaxCrossEntropy</c> alike.</summary>
    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum
    {
        string wanted = text.Replace("_", string.Empty);
        foreach (T candidate in Enum.GetValues(typeof(T)))
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Names<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant()));
}

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
    private static readonly string[] Statements = ["network", "input", "dense", "conv2d", "maxpool2d", "avgpool2d", "flatten", "dropout", "embedding", "lstm", "simple_rnn", "layernorm", "positional_encoding", "self_attention", "transformer_block", "loss"];
    private static readonly string[] RecurrentOptions = ["return_sequences", "stateful", "name"];
    private static readonly string[] DenseOptions = ["activation", "name"];
    private static readonly string[] ConvOptions = ["kernel", "stride", "padding", "activation", "name"];
    private static readonly string[] PoolOptions = ["stride", "name"];
    private static readonly string[] NameOnly = ["name"];
    private static readonly string[] PositionalOptions = ["learned", "max_length", "name"];
    private static readonly string[] AttentionOptions = ["causal", "model_dimension", "name"];
    private static readonly string[] BlockOptions = ["feed_forward", "activation", "causal", "model_dimension", "name"];
    private static readonly string[] NumberOptions = ["kernel", "stride", "feed_forward", "max_length", "model_dimension"];

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
            case "conv2d": ParseConv2D(keyword); break;
            case "maxpool2d": ParsePool(keyword, Pooling.Max); break;
            case "avgpool2d": ParsePool(keyword, Pooling.Average); break;
            case "flatten": ParseFlatten(keyword); break;
            case "dropout": ParseDropout(keyword); break;
            case "embedding": ParseEmbedding(keyword); break;
            case "lstm": ParseRecurrent(keyword, RecurrentCell.Lstm); break;
            case "simple_rnn":
            case "simplernn": ParseRecurrent(keyword, RecurrentCell.Simple); break;
            case "layernorm":
            case "layer_norm": ParseLayerNorm(keyword); break;
            case "positional_encoding":
            case "positionalencoding": ParsePositionalEncoding(keyword); break;
            case "self_attention": ParseAttention(keyword); break;
            case "transformer_block": ParseTransformerBlock(keyword); break;
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

    // dense 64 activation=relu name=hidden
    private void ParseDense(DnnToken keyword)
    {
        if (!ExpectNumber("the number of units", keyword, out int units, out var unitsToken)) return;
        if (!ParseOptions(DenseOptions, unitsToken, out var options, out var last)) return;
        if (!Option(options, "activation", Activation.Linear, out var activation)) return;
        _layers.Add(new DenseSpec(_layers.Count + 1, Name(options), Span(keyword, last), units, activation, unitsToken.Location));
    }

    // conv2d 8 kernel=3 stride=1 padding=same activation=relu name=c1
    private void ParseConv2D(DnnToken keyword)
    {
        if (!ExpectNumber("the number of filters", keyword, out int filters, out var filtersToken)) return;
        if (!ParseOptions(ConvOptions, filtersToken, out var options, out var last)) return;
        if (!options.TryGetValue("kernel", out var kernelToken))
        {
            _problems.Add(ProblemCatalogue.DslSyntax.At(keyword.Location, "conv2d needs the kernel size, as in 'conv2d 8 kernel=3'"));
            return;
        }
        if (!Integer(kernelToken, "the kernel size", out int kernel)
            || !OptionalInteger(options, "stride", 1, out int stride)
            || !Option(options, "padding", Padding.Valid, out var padding)
            || !Option(options, "activation", Activation.Linear, out var activation)) return;
        _layers.Add(new Conv2DSpec(_layers.Count + 1, Name(options), Span(keyword, last), filters, kernel, stride, padding, activation,
            filtersToken.Location, kernelToken.Location));
    }

    // maxpool2d 2 stride=2
    private void ParsePool(DnnToken keyword, Pooling pooling)
    {
        if (!ExpectNumber("the pool size", keyword, out int size, out var sizeToken)) return;
        if (!ParseOptions(PoolOptions, sizeToken, out var options, out var last)) return;
        if (!OptionalInteger(options, "stride", size, out int stride)) return;
        _layers.Add(new Pool2DSpec(_layers.Count + 1, Name(options), Span(keyword, last), pooling, size, stride, sizeToken.Location));
    }

    // flatten
    private void ParseFlatten(DnnToken keyword)
    {
        if (!ParseOptions(NameOnly, keyword, out var options, out var last)) return;
        _layers.Add(new FlattenSpec(_layers.Count + 1, Name(options), Span(keyword, last)));
    }

    // layernorm name=norm
    private void ParseLayerNorm(DnnToken keyword)
    {
        if (!ParseOptions(NameOnly, keyword, out var options, out var last)) return;
        _layers.Add(new LayerNormSpec(_layers.Count + 1, Name(options), Span(keyword, last)));
    }

    // positional_encoding learned=true max_length=128 name=positions
    private void ParsePositionalEncoding(DnnToken keyword)
    {
        if (!ParseOptions(PositionalOptions, keyword, out var options, out var last)) return;
        if (!Flag(options, "learned", out bool learned) || !OptionalInteger(options, "max_length", 0, out int maxLength)) return;
        var span = Span(keyword, last);
        _layers.Add(new PositionalEncodingSpec(_layers.Count + 1, Name(options), span, learned, maxLength, OptionLocation(options, "max_length", span)));
    }

    // self_attention 4 causal=true model_dimension=64 name=attention
    private void ParseAttention(DnnToken keyword)
    {
        if (!ExpectNumber("the number of heads", keyword, out int heads, out var headsToken)) return;
        if (!ParseOptions(AttentionOptions, headsToken, out var options, out var last)) return;
        if (!Flag(options, "causal", out bool causal) || !OptionalInteger(options, "model_dimension", 0, out int dimension)) return;
        var span = Span(keyword, last);
        _layers.Add(new AttentionSpec(_layers.Count + 1, Name(options), span, heads, causal, headsToken.Location,
            dimension, OptionLocation(options, "model_dimension", span)));
    }

    // transformer_block 4 feed_forward=128 activation=relu causal=true model_dimension=64 name=block
    private void ParseTransformerBlock(DnnToken keyword)
    {
        if (!ExpectNumber("the number of heads", keyword, out int heads, out var headsToken)) return;
        if (!ParseOptions(BlockOptions, headsToken, out var options, out var last)) return;
        if (!OptionalInteger(options, "feed_forward", 0, out int width)
            || !Option(options, "activation", Activation.ReLU, out var activation)
            || !Flag(options, "causal", out bool causal)
            || !OptionalInteger(options, "model_dimension", 0, out int dimension)) return;
        var span = Span(keyword, last);
        _layers.Add(new TransformerBlockSpec(_layers.Count + 1, Name(options), span, heads, width, activation, causal, headsToken.Location,
            dimension, OptionLocation(options, "model_dimension", span)));
    }

    // dropout 0.25
    private void ParseDropout(DnnToken keyword)
    {
        if (!Expect(DnnTokenKind.Number, "the dropout rate", keyword, out var rateToken)) return;
        if (!double.TryParse(rateToken.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)) return;
        if (!ParseOptions(NameOnly, rateToken, out var options, out var last)) return;
        _layers.Add(new DropoutSpec(_layers.Count + 1, Name(options), Span(keyword, last), rate, rateToken.Location));
    }

    // embedding 65 32 name=chars
    private void ParseEmbedding(DnnToken keyword)
    {
        if (!ExpectNumber("the vocabulary size", keyword, out int vocabulary, out var vocabularyToken)) return;
        if (!ExpectNumber("the embedding dimension", vocabularyToken, out int dimension, out var dimensionToken)) return;
        if (!ParseOptions(NameOnly, dimensionToken, out var options, out var last)) return;
        _layers.Add(new EmbeddingSpec(_layers.Count + 1, Name(options), Span(keyword, last), vocabulary, dimension,
            vocabularyToken.Location, dimensionToken.Location));
    }

    // lstm 128 return_sequences=true stateful=false name=encoder
    private void ParseRecurrent(DnnToken keyword, RecurrentCell cell)
    {
        if (!ExpectNumber("the number of units", keyword, out int units, out var unitsToken)) return;
        if (!ParseOptions(RecurrentOptions, unitsToken, out var options, out var last)) return;
        if (!Flag(options, "return_sequences", out bool returnSequences) || !Flag(options, "stateful", out bool stateful)) return;
        _layers.Add(new RecurrentSpec(_layers.Count + 1, Name(options), Span(keyword, last), cell, units, returnSequences, stateful, unitsToken.Location));
    }

    private bool Flag(Dictionary<string, DnnToken> options, string key, out bool value)
    {
        value = false;
        if (!options.TryGetValue(key, out var token)) return true;
        if (bool.TryParse(token.Text, out value)) return true;
        _problems.Add(ProblemCatalogue.DslUnknownName.At(token.Location, key, token.Text, "true, false"));
        return false;
    }

    /// <summary>Reads <c>key=value</c> pairs to the end of the line; the values stay tokens, for their locations.</summary>
    private bool ParseOptions(string[] allowed, DnnToken previous, out Dictionary<string, DnnToken> options, out DnnToken last)
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
            var expected = NumberOptions.Contains(key) ? DnnTokenKind.Number : DnnTokenKind.Word;
            if (!Expect(expected, expected == DnnTokenKind.Number ? "a number" : $"a value for {key}", equals, out var value)) return false;
            options.Add(key, value);
            last = value;
        }
        return true;
    }

    private static string? Name(Dictionary<string, DnnToken> options) => options.TryGetValue("name", out var name) ? name.Text : null;

    /// <summary>The value's location, as an attribute's named argument has one; the statement's when the option is absent.</summary>
    private static SourceLocation OptionLocation(Dictionary<string, DnnToken> options, string key, SourceLocation statement) =>
        options.TryGetValue(key, out var value) ? value.Location : statement;

    private bool Option<T>(Dictionary<string, DnnToken> options, string key, T fallback, out T value) where T : struct, Enum
    {
        value = fallback;
        if (!options.TryGetValue(key, out var token)) return true;
        if (TryParseEnum(token.Text, out value)) return true;
        _problems.Add(ProblemCatalogue.DslUnknownName.At(token.Location, key, token.Text, Names<T>()));
        return false;
    }

    private bool OptionalInteger(Dictionary<string, DnnToken> options, string key, int fallback, out int value)
    {
        value = fallback;
        return !options.TryGetValue(key, out var token) || Integer(token, "the " + key, out value);
    }

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

using System;
using System.Text;

namespace DslNet.Model;

/// <summary>
/// One value a layer declaration gives, described once for both front ends: positional (an attribute's constructor
/// argument, a value after the .dnn keyword) or named (an attribute property, a <c>key=value</c> option whose key is the
/// property in snake case: <c>ReturnSequences</c> is <c>return_sequences</c>).
/// </summary>
internal sealed class LayerArgument
{
    private LayerArgument(string property, ArgumentType type, bool isPositional, object fallback, string what, string? textOption = null, string? textExample = null)
    {
        Property = property;
        Type = type;
        IsPositional = isPositional;
        Default = fallback;
        What = what;
        TextKey = textOption ?? SnakeCase(property);
        TextExample = textExample;
    }

    /// <summary>The attribute property that holds the value (<c>Units</c>); spec builders read values by it.</summary>
    public string Property { get; }

    public ArgumentType Type { get; }

    public bool IsPositional { get; }

    /// <summary>The value when the declaration leaves it out: an int, a double, a bool or an enum value.</summary>
    public object Default { get; }

    /// <summary>What the value is, for messages: <c>the number of units</c>.</summary>
    public string What { get; }

    /// <summary>The .dnn option key of a named value, or of a positional one the text gives as a required option.</summary>
    public string TextKey { get; }

    /// <summary>A positional attribute argument that a .dnn statement gives as a required option (conv2d's <c>kernel=3</c>).</summary>
    public bool IsTextOption => IsPositional && TextExample is not null;

    /// <summary>For <see cref="IsTextOption"/>: a statement that shows it, for the message when it is missing.</summary>
    public string? TextExample { get; }

    public Type? Choices => Default is Enum ? Default.GetType() : null;

    public static LayerArgument Integer(string property, string what) => new(property, ArgumentType.Integer, true, 0, what);

    public static LayerArgument Number(string property, string what) => new(property, ArgumentType.Number, true, double.NaN, what);

    /// <summary>
    /// The last positional argument: layer names, an attribute's <c>params string[]</c>, in .dnn a comma-separated list
    /// (<c>add block_input, conv2</c>).
    /// </summary>
    public static LayerArgument LayerNames(string property, string what) =>
        new(property, ArgumentType.LayerNames, true, EquatableArray<LayerReference>.Empty, what);

    /// <summary>Positional in an attribute, a required <paramref name="textKey"/>=... option in a .dnn statement.</summary>
    public static LayerArgument IntegerTextOption(string property, string what, string textKey, string example) =>
        new(property, ArgumentType.Integer, true, 0, what, textKey, example);

    public static LayerArgument NamedInteger(string property, int fallback) =>
        new(property, ArgumentType.Integer, false, fallback, "the " + SnakeCase(property));

    public static LayerArgument NamedNumber(string property, double fallback) =>
        new(property, ArgumentType.Number, false, fallback, "the " + SnakeCase(property));

    public static LayerArgument NamedFlag(string property) => new(property, ArgumentType.Flag, false, false, SnakeCase(property));

    public static LayerArgument NamedChoice<T>(string property, T fallback) where T : struct, Enum =>
        new(property, ArgumentType.Choice, false, fallback, SnakeCase(property));

    /// <summary><c>ModelDimension</c> → <c>model_dimension</c>.</summary>
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}

/// <summary>The kinds of value a layer argument takes.</summary>
internal enum ArgumentType
{
    Integer,
    Number,
    Flag,
    Choice,
    LayerNames,
}

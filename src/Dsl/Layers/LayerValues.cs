using System;
using System.Collections.Generic;

namespace DslNet.Model;

/// <summary>
/// The values one layer declaration gave, by attribute property, each with where it was written; a front end fills it
/// (defaults included, located at the whole declaration) and the kind's <see cref="LayerSyntax"/> builds the spec.
/// </summary>
internal sealed class LayerValues
{
    private readonly Dictionary<string, (object Value, SourceLocation Location)> _values = new();

    public LayerValues(int index, string? name, SourceLocation location, LayerReference? from = null)
    {
        Index = index;
        Name = name;
        Location = location;
        From = from;
    }

    public int Index { get; }

    public string? Name { get; }

    public SourceLocation Location { get; }

    /// <summary>The layer named as this one's input (<c>From</c>), or null for the layer declared before it.</summary>
    public LayerReference? From { get; }

    public void Set(string property, object value, SourceLocation location) => _values[property] = (value, location);

    public int Integer(string property) => Value(property) is int value ? value : 0;

    public double Number(string property) => Value(property) is double value ? value : double.NaN;

    public bool Flag(string property) => Value(property) is true;

    /// <summary>Layer names, each located where it was written.</summary>
    public EquatableArray<LayerReference> LayerNames(string property) =>
        Value(property) is EquatableArray<LayerReference> names ? names : EquatableArray<LayerReference>.Empty;

    /// <summary>An enum value: the attribute front end reads its underlying int, the text front end the value itself.</summary>
    public T Choice<T>(string property) where T : struct, Enum => Value(property) switch
    {
        T value => value,
        int number => (T)Enum.ToObject(typeof(T), number),
        _ => default,
    };

    /// <summary>Where the value was written; the declaration's location when it was left out.</summary>
    public SourceLocation LocationOf(string property) => _values.TryGetValue(property, out var entry) ? entry.Location : Location;

    private object? Value(string property) => _values.TryGetValue(property, out var entry) ? entry.Value : null;
}

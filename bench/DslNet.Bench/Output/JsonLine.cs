using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace DslNet.Bench.Output;

/// <summary>
/// One JSON object on one line, fields in the order they are added: bench/README.md's
/// <c>{"id":"W1","metric":"samples_per_s","value":…,"threads":1}</c> first, extras after.
/// </summary>
internal sealed class JsonLine
{
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _writer;

    public JsonLine(string id)
    {
        _writer = new Utf8JsonWriter(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("id", id);
    }

    public JsonLine Add(string name, string value)
    {
        _writer.WriteString(name, value);
        return this;
    }

    /// <summary>A number rounded to <paramref name="significant"/> digits: measurements are not more precise than that.</summary>
    public JsonLine Add(string name, double value, int significant = 5)
    {
        _writer.WriteNumber(name, Round(value, significant));
        return this;
    }

    public JsonLine Add(string name, long value)
    {
        _writer.WriteNumber(name, value);
        return this;
    }

    public JsonLine Add(string name, bool value)
    {
        _writer.WriteBoolean(name, value);
        return this;
    }

    /// <summary>Closes the object and writes the line to standard output.</summary>
    public void Print()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        Console.Out.WriteLine(Encoding.UTF8.GetString(_buffer.ToArray()));
        Console.Out.Flush();
    }

    private static double Round(double value, int significant)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value)) return value;
        int digits = significant - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return digits >= 0 ? Math.Round(value, Math.Min(digits, 15)) : Math.Round(value / Math.Pow(10, -digits)) * Math.Pow(10, -digits);
    }
}

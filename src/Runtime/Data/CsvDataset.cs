using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DslNet;

/// <summary>Loads datasets from comma-separated text files.</summary>
public static class CsvDataset
{
    /// <summary>
    /// Loads a classification dataset from a numeric CSV file without a header (gzip-compressed if the name
    /// ends in <c>.gz</c>): every column but the last is a feature, multiplied by <paramref name="inputScale"/>;
    /// the last is an integer class label in [0, <paramref name="classCount"/>), turned into a one-hot target.
    /// Blank lines are skipped.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, a row is malformed (the message names the file, the line and what was expected), or the gzip data is truncated or corrupt (the message names the file and says so).</exception>
    /// <exception cref="ArgumentException"><paramref name="classCount"/> is below 2 or <paramref name="inputScale"/> is not finite.</exception>
    public static Dataset LoadClassification(string path, int classCount, float inputScale = 1f)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (classCount < 2)
        {
            throw new ArgumentException($"A classification needs at least 2 classes, got classCount {classCount}.", nameof(classCount));
        }
        if (!float.IsFinite(inputScale))
        {
            throw new ArgumentException($"inputScale must be finite, got {inputScale}.", nameof(inputScale));
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The dataset file '{path}' does not exist.", path);
        }

        var features = new List<float>();
        var labels = new List<int>();
        int columns = 0;
        using (Stream file = File.OpenRead(path))
        using (Stream data = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? OpenGzip(file, path) : file)
        using (var reader = new StreamReader(data))
        {
            int lineNumber = 0;
            string? line;
            while ((line = ReadLine(reader, path, lineNumber + 1)) is not null)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                string[] cells = line.Split(',');
                if (columns == 0)
                {
                    if (cells.Length < 2)
                    {
                        throw Malformed(path, lineNumber, $"expected at least 2 columns (features, then a class label), found {cells.Length}");
                    }
                    columns = cells.Length;
                }
                else if (cells.Length != columns)
                {
                    throw Malformed(path, lineNumber, $"expected {columns} columns ({columns - 1} features and a label) like the first row, found {cells.Length}");
                }
                for (int c = 0; c < columns - 1; c++)
                {
                    if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    {
                        throw Malformed(path, lineNumber, $"expected a finite number in column {c + 1}, found '{cells[c].Trim()}'");
                    }
                    features.Add(value * inputScale);
                }
                string labelCell = cells[columns - 1];
                if (!int.TryParse(labelCell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0 || label >= classCount)
                {
                    throw Malformed(path, lineNumber, $"expected an integer class label in [0, {classCount}) in column {columns}, found '{labelCell.Trim()}'");
                }
                labels.Add(label);
            }
        }
        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{path}: the file holds no rows; expected numeric rows of features followed by a class label.");
        }
        return Dataset.FromLabels(features.ToArray(), labels.ToArray(), classCount);
    }

    private static CheckedGzipStream OpenGzip(Stream file, string path)
    {
        try
        {
            return new CheckedGzipStream(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: cannot decompress: {e.Message}.", e);
        }
    }

    // A corrupt gzip stream surfaces as InvalidDataException without a file name; add it.
    private static string? ReadLine(StreamReader reader, string path, int lineNumber)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: cannot decompress near line {lineNumber}: {e.Message}", e);
        }
    }

    private static InvalidDataException Malformed(string path, int lineNumber, string problem) =>
        new($"{path}, line {lineNumber}: {problem}.");
}

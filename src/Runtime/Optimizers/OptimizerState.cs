using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DslNet;

/// <summary>
/// A snapshot of an optimiser, as <see cref="IOptimizer.ExportState"/> makes it and a checkpoint stores it:
/// the optimiser's name, named scalars (learning rate, step count, and the settings the state was made
/// with, such as momentum or β₂) and named float vectors (velocity, moment estimates), in the order they
/// were added. An optimiser that wraps another (<see cref="ScheduledOptimizer"/>) nests the wrapped
/// optimiser's snapshot as <see cref="Inner"/>.
/// </summary>
/// <remarks>
/// The getters throw <see cref="InvalidDataException"/> naming the optimiser, the entry and what was
/// expected, because a snapshot usually comes from a file: a missing or mismatched entry is bad data.
/// </remarks>
public sealed class OptimizerState
{
    /// <summary>The scalar every built-in optimiser stores its learning rate under.</summary>
    public const string LearningRateName = "learningRate";

    private readonly List<KeyValuePair<string, double>> _scalars = [];
    private readonly List<KeyValuePair<string, float[]>> _vectors = [];

    /// <summary>Starts an empty snapshot.</summary>
    /// <param name="optimizer">The optimiser's name, checked on import (the built-ins use their type name).</param>
    /// <param name="inner">The snapshot of a wrapped optimiser, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="optimizer"/> is empty.</exception>
    public OptimizerState(string optimizer, OptimizerState? inner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(optimizer);
        Optimizer = optimizer;
        Inner = inner;
    }

    /// <summary>The name of the optimiser the snapshot belongs to.</summary>
    public string Optimizer { get; }

    /// <summary>The snapshot of the optimiser this one wraps, or null.</summary>
    public OptimizerState? Inner { get; }

    /// <summary>The scalars, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scalars => _scalars;

    /// <summary>The vectors, in the order they were added; the arrays are the snapshot's own.</summary>
    public IReadOnlyList<KeyValuePair<string, float[]>> Vectors => _vectors;

    /// <summary>Adds a scalar (a float or an integer step count is stored exactly).</summary>
    /// <returns>This snapshot, to chain calls.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public OptimizerState AddScalar(string name, double value)
    {
        CheckNewName(name);
        _scalars.Add(new(name, value));
        return this;
    }

    /// <summary>Adds a vector; the array is kept as given, not copied.</summary>
    /// <returns>This snapshot, to chain calls.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public OptimizerState AddVector(string name, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckNewName(name);
        _vectors.Add(new(name, values));
        return this;
    }

    /// <summary>The scalar called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">There is none.</exception>
    public double GetScalar(string name)
    {
        foreach (var pair in _scalars)
        {
            if (pair.Key == name) return pair.Value;
        }
        throw new InvalidDataException($"The {Optimizer} state has no scalar '{name}'.");
    }

    /// <summary>The vector called <paramref name="name"/> (the snapshot's own array).</summary>
    /// <exception cref="InvalidDataException">There is none.</exception>
    public float[] GetVector(string name)
    {
        foreach (var pair in _vectors)
        {
            if (pair.Key == name) return pair.Value;
        }
        throw new InvalidDataException($"The {Optimizer} state has no vector '{name}'.");
    }

    /// <summary>Checks the snapshot belongs to <paramref name="optimizer"/>.</summary>
    /// <exception cref="InvalidDataException">It belongs to another optimiser; the message names both.</exception>
    public void ExpectOptimizer(string optimizer)
    {
        if (Optimizer != optimizer)
        {
            throw new InvalidDataException($"The optimiser state is for {Optimizer}, but it is being loaded into {optimizer}.");
        }
    }

    /// <summary>
    /// Checks the setting <paramref name="name"/> was <paramref name="expected"/> when the snapshot was made:
    /// moment vectors made with one β do not continue a run with another.
    /// </summary>
    /// <exception cref="InvalidDataException">The setting is missing or differs; the message names both values.</exception>
    public void ExpectSetting(string name, double expected)
    {
        double actual = GetScalar(name);
        if (!actual.Equals(expected))
        {
            throw new InvalidDataException(
                $"The {Optimizer} state was made with {name} = {Format(actual)}, but this optimiser has {name} = {Format(expected)}; construct it with the same settings.");
        }
    }

    /// <summary>The <see cref="LearningRateName"/> scalar, checked to be a valid learning rate.</summary>
    /// <exception cref="InvalidDataException">It is missing, negative or not finite.</exception>
    public float GetLearningRate()
    {
        double value = GetScalar(LearningRateName);
        float learningRate = (float)value;
        if (!(learningRate >= 0) || !float.IsFinite(learningRate))
        {
            throw new InvalidDataException($"The {Optimizer} state has learning rate {Format(value)}; it must be finite and at least 0.");
        }
        return learningRate;
    }

    /// <summary>The scalar <paramref name="name"/> as a count: a whole number in [0, <paramref name="maximum"/>].</summary>
    /// <exception cref="InvalidDataException">It is missing, fractional or out of range.</exception>
    public long GetCount(string name, long maximum = long.MaxValue)
    {
        double value = GetScalar(name);
        if (!(value >= 0 && value <= maximum) || Math.Floor(value) != value)
        {
            throw new InvalidDataException($"The {Optimizer} state has {name} = {Format(value)}; it must be a whole number in [0, {maximum}].");
        }
        return (long)value;
    }

    /// <summary>The vector <paramref name="name"/>, checked to hold exactly <paramref name="length"/> floats.</summary>
    /// <exception cref="InvalidDataException">It is missing or has another length; the message names both lengths.</exception>
    public float[] GetVector(string name, int length)
    {
        float[] values = GetVector(name);
        if (values.Length != length)
        {
            throw new InvalidDataException($"The {Optimizer} state's vector '{name}' holds {values.Length} floats; expected {length}.");
        }
        return values;
    }

    private void CheckNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var pair in _scalars)
        {
            if (pair.Key == name) throw new ArgumentException($"The {Optimizer} state already has an entry '{name}'.", nameof(name));
        }
        foreach (var pair in _vectors)
        {
            if (pair.Key == name) throw new ArgumentException($"The {Optimizer} state already has an entry '{name}'.", nameof(name));
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using System;

namespace DslNet;

/// <summary>
/// The per-parameter vectors an optimiser keeps between steps (a velocity, running averages), all of one length, allocated
/// together once the parameter count is known, saved in order and restored only after every one of them has been checked.
/// </summary>
internal sealed class StateVectors
{
    private readonly string[] _names;
    private readonly float[]?[] _vectors;

    /// <param name="names">The vectors' names in a saved state, in the order they are saved.</param>
    public StateVectors(params string[] names)
    {
        _names = names;
        _vectors = new float[]?[names.Length];
    }

    /// <summary>Allocates every vector for <paramref name="count"/> parameters, zeroed, unless it is already allocated.</summary>
    public void Allocate(int count)
    {
        for (int i = 0; i < _vectors.Length; i++) _vectors[i] ??= new float[count];
    }

    /// <summary>The vector called <paramref name="name"/>; empty when it is not kept or not allocated yet.</summary>
    public Span<float> this[string name] => Array.IndexOf(_names, name) is int i and >= 0 ? _vectors[i].AsSpan() : Span<float>.Empty;

    /// <summary>Adds a copy of each vector to <paramref name="state"/> (empty before the first step).</summary>
    public OptimizerState Export(OptimizerState state)
    {
        for (int i = 0; i < _names.Length; i++) state.AddVector(_names[i], _vectors[i] is { } vector ? (float[])vector.Clone() : []);
        return state;
    }

    /// <summary>
    /// Reads and checks every vector of <paramref name="state"/> against <paramref name="groups"/> (all of one length: the
    /// parameter count, or 0 for a state saved before the first step) and returns the commit that adopts them.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">A vector is missing or does not fit.</exception>
    public Action Import(OptimizerState state, ParameterGroups groups)
    {
        int length = groups.StateLength(state, _names[0]);
        var read = new float[_names.Length][];
        for (int i = 0; i < _names.Length; i++) read[i] = state.GetVector(_names[i], length);
        return () =>
        {
            groups.AdoptStateLength(length);
            if (length == 0)
            {
                foreach (var vector in _vectors) vector?.AsSpan().Clear();
                return;
            }
            Allocate(length);
            for (int i = 0; i < _names.Length; i++) read[i].CopyTo(_vectors[i]!, 0);
        };
    }
}

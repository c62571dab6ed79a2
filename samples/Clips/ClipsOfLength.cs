using System;
using System.Collections.Generic;
using DslNet;

namespace ClipsSample;

/// <summary>The clips of one length, for the accuracy by length.</summary>
internal static class ClipsOfLength
{
    /// <summary>The clips of <paramref name="clips"/> that are <paramref name="length"/> frames long, or null if there is none.</summary>
    public static Dataset? Select(Dataset clips, int length)
    {
        var inputs = new List<float>();
        var targets = new List<float>();
        var lengths = new List<int>();
        for (int i = 0; i < clips.Count; i++)
        {
            if (clips.Lengths[i] != length) continue;
            inputs.AddRange(clips.Input(i).ToArray());
            targets.AddRange(clips.Target(i).ToArray());
            lengths.Add(length);
        }
        return lengths.Count == 0 ? null : new Dataset(inputs.ToArray(), targets.ToArray(), lengths.Count, lengths.ToArray());
    }
}

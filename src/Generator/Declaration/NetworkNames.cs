using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslNet.Model;

namespace DslNet.Generator.Declaration;

/// <summary>
/// The full names of every network the generator emits, attribute and .dnn alike, reduced to what the hint
/// names need. Roslyn compares hint names case-insensitively and throws on a clash, which would lose every
/// network of the project: names that differ only in case get a suffix that tells them apart, and a name
/// that two classes share exactly (already a C# error, CS0101) gets no code at all.
/// </summary>
internal sealed record NetworkNames(EquatableArray<string> CaseVariants, EquatableArray<string> Duplicated)
{
    public static NetworkNames From(IEnumerable<string> fullNames)
    {
        var names = fullNames.ToList();
        var duplicated = names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        var caseVariants = names.Distinct(StringComparer.Ordinal)
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g);
        return new NetworkNames(
            caseVariants.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
            duplicated.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>Whether the network named <paramref name="fullName"/> can have a hint name of its own.</summary>
    public bool CanEmit(string fullName) => !Duplicated.Contains(fullName);

    /// <summary><c>Samples.Digits.DigitsMlp.g.cs</c>; for a name with case variants, a hash of its exact spelling before <c>.g.cs</c>.</summary>
    public string HintName(string fullName) =>
        CaseVariants.Contains(fullName)
            ? fullName + "." + StableHash(fullName).ToString("x8", CultureInfo.InvariantCulture) + ".g.cs"
            : fullName + ".g.cs";

    // FNV-1a over the UTF-16 code units: string.GetHashCode differs from one process to the next.
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }
}

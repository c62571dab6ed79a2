using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>
/// Shape inference lists each layer's parameter slices once; the generated constants, the layout table and the
/// emitters' code must all follow that list. Walks every snapshot network and checks that they agree: the offsets tile
/// [0, ParameterCount) in layout order, the layout names the same slices with the same shapes, and every slice the
/// emitters read or write with a literal length lies inside its part, and each part is written whole (initialisation).
/// </summary>
internal static class ParameterAgreement
{
    private static readonly Regex ParameterCount = new(@"public const int ParameterCount = (\d+);");
    private static readonly Regex OffsetConstant = new(@"private const int (\w+Offset) = (\d+); // \[([\d, ]*)\]");
    private static readonly Regex LayoutEntry = new(@"new(?: global::DslNet\.ParameterSlice)?\(""(\w+)"", ""(\w+)"", global::DslNet\.ParameterKind\.(\w+), (\d+), new\[\] \{ ([\d, ]*) \}\)");
    private static readonly Regex LiteralSlice = new(@"\((?:_parameters|_gradients), (\w+Offset)(?: \+ (\d+))?, (\d+)\)");
    // An offset into the parameters or gradients: new Span<float>(_parameters, XOffset, ...) or GetArrayDataReference(_gradients), XOffset.
    private static readonly Regex ParameterOffsetUse = new(@"_(?:parameters|gradients)\)?, (\w+Offset)\b");

    /// <summary>Checks one generated network's source; <see cref="SnapshotTests"/> calls it on every network it generates.</summary>
    public static void Check(string text, string snapshot)
    {
        var count = ParameterCount.Match(text);
        if (!count.Success)
        {
            Assert.DoesNotContain("ParameterLayout s_layout", text); // a stub or a file without a network
            return;
        }
        int total = int.Parse(count.Groups[1].Value);

        var parts = OffsetConstant.Matches(text).Select(m => (Name: m.Groups[1].Value, Offset: int.Parse(m.Groups[2].Value), Shape: Dimensions(m.Groups[3].Value))).ToList();
        int next = 0;
        foreach (var part in parts)
        {
            Assert.True(part.Offset == next, $"{snapshot}: {part.Name} = {part.Offset}, but the slices before it end at {next}");
            next += part.Shape.Aggregate(1, (a, d) => a * d);
        }
        Assert.True(next == total, $"{snapshot}: the slices end at {next}, ParameterCount is {total}");

        var layout = LayoutEntry.Matches(text).Select(m => (Offset: int.Parse(m.Groups[4].Value), Shape: Dimensions(m.Groups[5].Value))).ToList();
        Assert.Equal(parts.Select(p => (p.Offset, string.Join(",", p.Shape))), layout.Select(l => (l.Offset, string.Join(",", l.Shape))));

        var lengths = parts.ToDictionary(p => p.Name, p => p.Shape.Aggregate(1, (a, d) => a * d));
        var whole = new System.Collections.Generic.HashSet<string>();
        foreach (Match slice in LiteralSlice.Matches(text))
        {
            string name = slice.Groups[1].Value;
            Assert.True(lengths.ContainsKey(name), $"{snapshot}: the code reads {name}, which no parameter slice declares");
            int start = slice.Groups[2].Success ? int.Parse(slice.Groups[2].Value) : 0, length = int.Parse(slice.Groups[3].Value);
            Assert.True(start + length <= lengths[name], $"{snapshot}: the code reads {name} + {start} for {length} floats, past its {lengths[name]}");
            if (start == 0 && length == lengths[name]) whole.Add(name);
        }
        // Initialisation writes each slice whole: an emitter that sized a part otherwise than inference shows here.
        Assert.All(parts, part => Assert.True(whole.Contains(part.Name), $"{snapshot}: no code covers {part.Name}'s {lengths[part.Name]} floats whole"));
        var used = ParameterOffsetUse.Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(used, name => Assert.True(lengths.ContainsKey(name), $"{snapshot}: the code indexes the parameters at {name}, which no slice declares"));
        Assert.All(parts, part => Assert.True(used.Contains(part.Name), $"{snapshot}: no code reads or writes {part.Name}"));
    }

    private static int[] Dimensions(string text) =>
        text.Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();

}

using System.Collections.Generic;
using System.Globalization;

namespace DslNet.Generator.Emit;

/// <summary>
/// The distinct kernel shapes of one network class, each written once as a nested struct implementing the kernel's
/// shape interface (<c>IDenseShape</c>, <c>IConv2DShape</c>, <c>IRecurrentLayerShape</c>, …): its static members give the runtime's kernel every
/// count as a constant, so the JIT compiles one specialisation per struct. Calls with the same constants share a
/// struct (and so the machine code); each kind is numbered in order of first use, which keeps the text deterministic.
/// </summary>
internal sealed class KernelShapes
{
    private readonly Dictionary<string, string> _names = new();
    private readonly Dictionary<string, int> _counts = new();
    private readonly List<(string Name, string Interface, string Summary, string Members)> _shapes = new();

    /// <summary>
    /// The struct named <paramref name="prefix"/> and a number that implements
    /// <c>DslNet.CompilerServices.<paramref name="interfaceName"/></c> with <paramref name="members"/>, added when it is new.
    /// </summary>
    public string NameFor(string prefix, string interfaceName, string members, string summary)
    {
        string key = interfaceName + " " + members;
        if (_names.TryGetValue(key, out string? name)) return name;
        _counts.TryGetValue(prefix, out int count);
        _counts[prefix] = count + 1;
        name = prefix + count.ToString(CultureInfo.InvariantCulture);
        _names.Add(key, name);
        _shapes.Add((name, interfaceName, summary, members));
        return name;
    }

    /// <summary>Writes every struct named so far; nothing when the network calls no kernel.</summary>
    public void Write(CodeWriter w)
    {
        if (_shapes.Count == 0) return;
        w.Line();
        w.Line("// The kernels' shapes: each kernel is compiled once per struct, with these as constants.");
        foreach (var (name, interfaceName, summary, members) in _shapes)
        {
            w.Line($"/// <summary>{summary}</summary>");
            w.Line($"private struct {name} : global::DslNet.CompilerServices.{interfaceName} {{ {members} }}");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace DslNet.Model;

/// <summary>
/// How one layer kind is declared: its attribute, its .dnn keywords and its arguments, and how their values become the
/// kind's spec. Both front ends read declarations through it, so they accept the same things and locate the same errors.
/// </summary>
internal sealed class LayerSyntax
{
    private readonly Func<LayerValues, LayerSpec> _build;

    public LayerSyntax(string attribute, string[] keywords, LayerArgument[] arguments, Func<LayerValues, LayerSpec> build)
    {
        Attribute = attribute;
        Keywords = keywords;
        Arguments = arguments;
        _build = build;
    }

    /// <summary>The attribute's type name: <c>DenseAttribute</c>.</summary>
    public string Attribute { get; }

    /// <summary>The .dnn statement keywords, lower case; the first is the one messages show.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>
    /// Positional arguments first, in order, then the named ones (every kind also takes <c>Name</c>, and every kind but
    /// a merge <c>From</c>).
    /// </summary>
    public IReadOnlyList<LayerArgument> Arguments { get; }

    /// <summary>A merge layer (Add, Concatenate) names its inputs among its arguments, so it takes no <c>From</c>.</summary>
    public bool TakesFrom => !Arguments.Any(a => a.Type == ArgumentType.LayerNames);

    public LayerSpec Build(LayerValues values) => values.From is null ? _build(values) : _build(values) with { From = values.From };
}

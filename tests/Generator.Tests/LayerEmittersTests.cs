using System.Linq;
using DslNet.Generator.Emit;
using DslNet.Model;
using Xunit;

namespace DslNet.Generator.Tests;

/// <summary>Every layer kind the front ends can declare has an emitter, and no emitter waits for a kind nothing declares.</summary>
public sealed class LayerEmittersTests
{
    [Fact]
    public void Every_declarable_kind_has_an_emitter_and_every_emitter_a_kind()
    {
        var declared = LayerKinds.All
            .Select(syntax => syntax.Build(new LayerValues(1, null, SourceLocation.None)).GetType())
            .Distinct().OrderBy(t => t.Name).ToArray();
        Assert.Equal(declared, LayerEmitters.Kinds.OrderBy(t => t.Name).ToArray());
    }
}

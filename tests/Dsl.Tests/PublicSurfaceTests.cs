using System;
using System.Linq;
using DslNet.Model;
using Xunit;

namespace DslNet.Dsl.Tests;

/// <summary>
/// DslNet.Dsl ships in the package's lib/, so everything public in it is something a user sees: only the attributes
/// a network is declared with and the enums their arguments take. The model, the checks and the text parser are
/// internal, reached by the generator, the code fixes and the tests.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void The_public_types_are_the_attributes_and_their_enums()
    {
        var assembly = typeof(NetworkSpec).Assembly;
        var others = assembly.GetExportedTypes()
            .Where(t => !typeof(Attribute).IsAssignableFrom(t) && !t.IsEnum)
            .Select(t => t.FullName)
            .ToArray();
        Assert.True(others.Length == 0, "Public types that are neither attributes nor enums: " + string.Join(", ", others));
    }

    [Fact]
    public void The_model_is_internal()
    {
        Assert.False(typeof(NetworkSpec).IsPublic);
        Assert.False(typeof(LayerSpec).IsPublic);
    }
}

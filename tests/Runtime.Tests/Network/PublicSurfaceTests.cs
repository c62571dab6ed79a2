using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using DslNet.CompilerServices;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// What the runtime shows a user: the helpers generated code calls live apart from the user-facing types and are hidden
/// from IntelliSense, and types only tests reach are not public.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Runtime = typeof(INetwork).Assembly;

    [Fact]
    public void The_helpers_generated_code_calls_live_in_DslNet_CompilerServices()
    {
        Type[] helpers =
        [
            typeof(AlignedFloats), typeof(NetworkArguments), typeof(ConcurrentUse), typeof(WeightInitializer),
            typeof(ActivationForward), typeof(ActivationBackward), typeof(VectorActivation), typeof(SequencePadding),
            typeof(DropoutMask),
        ];
        foreach (var helper in helpers) Assert.Equal("DslNet.CompilerServices", helper.Namespace);
    }

    [Fact]
    public void Every_public_type_in_DslNet_CompilerServices_is_hidden_from_IntelliSense()
    {
        var compilerServices = Runtime.GetExportedTypes().Where(t => t.Namespace == "DslNet.CompilerServices").ToArray();
        Assert.NotEmpty(compilerServices);
        foreach (var type in compilerServices)
        {
            var browsable = type.GetCustomAttribute<EditorBrowsableAttribute>();
            Assert.True(browsable?.State == EditorBrowsableState.Never, $"{type.FullName} lacks [EditorBrowsable(Never)].");
        }
    }

    [Theory]
    [InlineData("DslNet.WorkerTeam")]
    [InlineData("DslNet.ArchitectureFingerprint")]
    public void A_type_only_tests_reach_is_not_public(string name)
    {
        var type = Runtime.GetType(name, throwOnError: true)!;
        Assert.False(type.IsPublic, $"{name} is public.");
    }
}

using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>
/// Generated code is debuggable: an error names the layer, and the stack names the network's method and the layer's
/// own code, a method of the generated class or the runtime's layer it calls (never inlined away).
/// </summary>
public sealed class StackTraceTests
{
    [Fact]
    public void An_exception_inside_generated_code_names_the_network_and_the_layer()
    {
        var network = new TokenRnnTagger(timeSteps: 2);
        var error = Assert.Throws<ArgumentException>(() => network.Forward(new float[] { 0, 9 }, new float[2 * 5], batch: 1));
        Assert.Contains("embedding1", error.Message);
        // The frames of the network's Forward and of the runtime's embedding it calls for the layer.
        Assert.Contains("TokenRnnTagger.Forward(", error.StackTrace);
        Assert.Contains("DslNet.CompilerServices.EmbeddingLayer.Forward", error.StackTrace);
    }
}

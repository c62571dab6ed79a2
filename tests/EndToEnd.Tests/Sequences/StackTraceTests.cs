using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Generated code is debuggable: each layer's work is a method named after the network and the layer.</summary>
public sealed class StackTraceTests
{
    [Fact]
    public void An_exception_inside_generated_code_names_the_network_and_the_layer()
    {
        var network = new TokenRnnTagger(timeSteps: 2);
        var error = Assert.Throws<ArgumentException>(() => network.Forward(new float[] { 0, 9 }, new float[2 * 5], batch: 1));
        Assert.Contains("embedding1", error.Message);
        // The frame of the generated layer method: DslNet.EndToEnd.Tests.TokenRnnTagger.Embedding1Forward(...).
        Assert.Contains("TokenRnnTagger.Embedding1Forward(", error.StackTrace);
    }
}

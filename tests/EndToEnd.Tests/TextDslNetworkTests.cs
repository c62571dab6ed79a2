using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>A network declared in a .dnn file of this project, compiled by the real build.</summary>
public sealed class TextDslNetworkTests
{
    [Fact]
    public void The_dnn_network_behaves_exactly_like_its_attribute_twin()
    {
        var fromText = new XorFromText(seed: 3);
        var fromAttributes = new XorNetwork(seed: 3);
        Assert.Equal(XorNetwork.ParameterCount, XorFromText.ParameterCount);
        Assert.True(fromText.Parameters.SequenceEqual(fromAttributes.Parameters));

        var input = new float[] { 0, 0, 0, 1, 1, 0, 1, 1 };
        var a = new float[4];
        var b = new float[4];
        fromText.Forward(input, a, 4);
        fromAttributes.Forward(input, b, 4);
        Assert.Equal(b, a);
    }
}

using System;
using System.Linq;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Networks declared in .dnn files of this project, compiled by the real build, against their attribute twins.</summary>
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

    /// <summary>
    /// A residual network with batch normalisation and a U-Net, the samples' own, written as text: the same parameters,
    /// the same outputs in training and inference, and the same weights after a training step.
    /// </summary>
    [Theory]
    [InlineData("ResNet")]
    [InlineData("UNet")]
    public void Graph_networks_from_text_train_exactly_like_their_attribute_twins(string name)
    {
        const int batch = 3;
        var (fromText, fromAttributes) = name == "ResNet"
            ? ((INetwork)new FashionResNetFromText(seed: 5, batchCapacity: batch), (INetwork)new ResNetSample.FashionResNet(seed: 5, batchCapacity: batch))
            : (new ShapeUNetFromText(seed: 5, batchCapacity: batch), new SegmentationSample.ShapeUNet(seed: 5, batchCapacity: batch));
        Assert.Equal(fromAttributes.ParameterCount, fromText.ParameterCount);
        Assert.Equal(fromAttributes.Parameters.ToArray(), fromText.Parameters.ToArray());
        Assert.Equal(fromAttributes.Layout.Select(s => (s.Layer, s.Name, s.Kind)), fromText.Layout.Select(s => (s.Layer, s.Name, s.Kind)));

        var inputs = GeneratedNetworkTests.RandomVector(batch * fromText.InputSize, seed: 6);
        var targets = new float[batch * fromText.OutputSize];
        for (int i = 0; i < targets.Length; i += 7) targets[i] = 1;
        ILoss Loss(INetwork n) => name == "ResNet" ? new SoftmaxCrossEntropyLoss() : new PixelSoftmaxCrossEntropyLoss(3, 12, 12);
        new Trainer(fromText, Loss(fromText), new AdamOptimizer(1e-3f)).TrainStep(inputs, targets, batch);
        new Trainer(fromAttributes, Loss(fromAttributes), new AdamOptimizer(1e-3f)).TrainStep(inputs, targets, batch);
        Assert.Equal(fromAttributes.Parameters.ToArray(), fromText.Parameters.ToArray());

        var a = new float[targets.Length];
        var b = new float[targets.Length];
        fromText.Forward(inputs, a, batch, training: false);
        fromAttributes.Forward(inputs, b, batch, training: false);
        Assert.Equal(b, a);
    }
}

using System;
using Xunit;

namespace DslNet.EndToEnd.Tests;

/// <summary>Every public entry checks its spans and batch once, with a message naming expected and actual sizes.</summary>
public sealed class BadInputTests
{
    private readonly TinyLinear _network = new(seed: 1); // 5 → 7 → 3

    [Fact]
    public void Input_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[9], new float[6], batch: 2));
        Assert.Equal("input", error.ParamName);
        Assert.StartsWith("TinyLinear: input must hold batch × 5 = 2 × 5 = 10 floats, got 9.", error.Message);
    }

    [Fact]
    public void Output_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[10], new float[5], batch: 2));
        Assert.StartsWith("TinyLinear: output must hold batch × 3 = 2 × 3 = 6 floats, got 5.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Batch_that_is_not_positive(int batch)
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[5], new float[3], batch));
        Assert.StartsWith($"TinyLinear: batch must be at least 1, got {batch}.", error.Message);
    }

    [Fact]
    public void Output_gradient_of_the_wrong_length()
    {
        _network.Forward(new float[10], new float[6], batch: 2, training: true);
        var error = Assert.Throws<ArgumentException>(() => _network.Backward(new float[7], Span<float>.Empty, batch: 2));
        Assert.StartsWith("TinyLinear: outputGradient must hold batch × 3 = 2 × 3 = 6 floats, got 7.", error.Message);
    }

    [Fact]
    public void Input_gradient_of_the_wrong_length()
    {
        _network.Forward(new float[10], new float[6], batch: 2, training: true);
        var error = Assert.Throws<ArgumentException>(() => _network.Backward(new float[6], new float[11], batch: 2));
        Assert.StartsWith("TinyLinear: inputGradient must hold batch × 5 = 2 × 5 = 10 floats, got 11.", error.Message);
    }

    [Fact]
    public void Backward_with_another_batch_than_the_training_forward()
    {
        _network.Forward(new float[10], new float[6], batch: 2, training: true);
        var error = Assert.Throws<ArgumentException>(() => _network.Backward(new float[3], Span<float>.Empty, batch: 1));
        Assert.StartsWith("TinyLinear: Backward got batch 1, but the last training Forward had batch 2.", error.Message);
    }

    [Fact]
    public void Backward_without_a_training_forward()
    {
        _network.Forward(new float[10], new float[6], batch: 2);
        var error = Assert.Throws<InvalidOperationException>(() => _network.Backward(new float[6], Span<float>.Empty, batch: 2));
        Assert.Equal("TinyLinear: Backward needs a preceding Forward(..., training: true).", error.Message);
    }

    [Fact]
    public void Batch_capacity_that_is_not_positive()
    {
        var error = Assert.Throws<ArgumentException>(() => new TinyLinear(batchCapacity: 0));
        Assert.StartsWith("TinyLinear: batch must be at least 1, got 0.", error.Message);
    }

    [Fact]
    public void A_larger_batch_than_the_capacity_grows_the_buffers()
    {
        var network = new TinyLinear(seed: 1, batchCapacity: 1);
        var output = new float[50 * 3];
        network.Forward(new float[50 * 5], output, batch: 50, training: true);
        network.Backward(output, new float[50 * 5], batch: 50);
    }

    [Fact]
    public void Loss_that_does_not_fit_the_output_fails_when_the_trainer_is_built()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Trainer(new WideSigmoid(), new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f)));
        Assert.Contains("Sigmoid", error.Message);
        Assert.Contains("Softmax", error.Message);
    }

    [Fact]
    public void Dataset_that_does_not_fit_the_network()
    {
        var trainer = new Trainer(new TinyLinear(), new MeanSquaredErrorLoss(), new SgdOptimizer(0.1f));
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(new Dataset(new float[4], new float[3], 1)));
        Assert.Contains("4", error.Message);
        Assert.Contains("5", error.Message);
    }
}

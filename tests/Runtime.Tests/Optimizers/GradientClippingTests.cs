using System;
using System.Numerics.Tensors;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientClippingTests
{
    [Fact]
    public void Gradients_above_the_limit_are_scaled_to_it_keeping_their_direction()
    {
        float[] gradients = [3, -4, 0, 12]; // norm 13
        float norm = GradientClipping.ClipByGlobalNorm(gradients, maxNorm: 6.5f);
        Assert.Equal(13f, norm, 5);
        Assert.Equal([1.5f, -2f, 0f, 6f], gradients);
        Assert.Equal(6.5f, TensorPrimitives.Norm(gradients), 5);
    }

    [Fact]
    public void Gradients_within_the_limit_are_left_alone()
    {
        float[] gradients = [0.3f, -0.4f];
        Assert.Equal(0.5f, GradientClipping.ClipByGlobalNorm(gradients, maxNorm: 1f), 6);
        Assert.Equal([0.3f, -0.4f], gradients);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_limit_that_is_not_positive_and_finite_is_refused(float limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(new float[2], limit));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new LinearTestNetwork(1, 1, Activation.Linear), new MeanSquaredErrorLoss(), new RecordingOptimizer(), new TrainerOptions { ClipGradientNorm = limit }));
    }

    [Fact]
    public void The_trainer_clips_what_the_optimizer_receives()
    {
        var network = new LinearTestNetwork(3, 2, Activation.Linear, seed: 1);
        var optimizer = new RecordingOptimizer();
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), optimizer, new TrainerOptions { ClipGradientNorm = 0.01f });
        trainer.TrainStep([10, -20, 30], [100, -100], batch: 1);
        Assert.Equal(0.01f, TensorPrimitives.Norm(optimizer.LastGradients), 4);
    }
}

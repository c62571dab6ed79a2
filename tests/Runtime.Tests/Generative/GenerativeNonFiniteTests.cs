using System;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>The autoencoder, VAE and GAN trainers stop on a NaN or infinity by default, as the Trainer does.</summary>
public sealed class GenerativeNonFiniteTests
{
    private const int Batch = 4;

    [Fact]
    public void AnAutoencoderStopsAtANaNInTheDecoderAndRestoresIt()
    {
        var encoder = new GuardEncoder(seed: 1);
        var decoder = new GuardDecoder(seed: 2);
        var trainer = new AutoencoderTrainer(encoder, decoder, new SgdOptimizer(0.05f), new SgdOptimizer(0.05f));
        float[] inputs = TestData.Uniform(Batch * 8, 0, 1, seed: 3);
        trainer.TrainStep(inputs, Batch);
        float[] encoderBefore = encoder.Parameters.ToArray(), decoderBefore = decoder.Parameters.ToArray();
        trainer.TrainStep(inputs, Batch);
        float[] encoderAfterStep2 = encoder.Parameters.ToArray();
        decoder.Parameters[5] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(inputs, Batch));

        Assert.Equal("decoder/dense1.weight", e.Tensor);
        Assert.Equal(3, e.Event.Step);
        Assert.Contains("parameter decoder/dense1.weight[5] is NaN", e.Message);
        Assert.Contains("before step 2", e.Message);
        Assert.Equal(decoderBefore, decoder.Parameters.ToArray());
        // The encoder's parameters were finite: it keeps them.
        Assert.Equal(encoderAfterStep2, encoder.Parameters.ToArray());
        Assert.NotEqual(encoderBefore, encoderAfterStep2);
    }

    [Fact]
    public void AVaeStopsAtANaNInputWithItsNetworksUnchanged()
    {
        var encoder = new GuardVaeEncoder(seed: 1);
        var decoder = new GuardDecoder(seed: 2);
        var trainer = new VaeTrainer(encoder, decoder, new SgdOptimizer(0.01f), new SgdOptimizer(0.01f));
        float[] inputs = TestData.Uniform(Batch * 8, 0, 1, seed: 3);
        trainer.TrainStep(inputs, Batch);
        float[] encoderBefore = encoder.Parameters.ToArray(), decoderBefore = decoder.Parameters.ToArray();
        inputs[9] = float.NaN;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(inputs, Batch));

        Assert.Equal("loss", e.Tensor);
        Assert.Contains("unchanged by this step", e.Message);
        Assert.Equal(encoderBefore, encoder.Parameters.ToArray());
        Assert.Equal(decoderBefore, decoder.Parameters.ToArray());
    }

    [Fact]
    public void AGanStopsAtANaNInTheDiscriminator()
    {
        var generator = new GuardGenerator(seed: 1);
        var discriminator = new GuardDiscriminator(seed: 2);
        var trainer = new GanTrainer(generator, discriminator, new SgdOptimizer(0.01f), new SgdOptimizer(0.01f));
        float[] real = TestData.Uniform(Batch * 8, 0, 1, seed: 3);
        trainer.DiscriminatorStep(real, Batch);
        trainer.GeneratorStep(Batch);
        discriminator.Parameters[0] = float.PositiveInfinity;

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.DiscriminatorStep(real, Batch));

        Assert.Equal("discriminator/dense1.weight", e.Tensor);
        Assert.All(discriminator.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void OptingOutTrainsAnAutoencoderOnThroughNaN()
    {
        var trainer = new AutoencoderTrainer(new GuardEncoder(seed: 1), new GuardDecoder(seed: 2), new SgdOptimizer(0.05f), new SgdOptimizer(0.05f),
            options: new GenerativeTrainerOptions { StopOnNonFinite = false });
        float[] inputs = TestData.Uniform(Batch * 8, 0, 1, seed: 3);
        inputs[0] = float.NaN;

        Assert.True(float.IsNaN(trainer.TrainStep(inputs, Batch)));
    }
}

/// <summary>8 → 2 latent values.</summary>
[Network]
[Input(8)]
[Dense(2)]
public partial class GuardEncoder
{
}

/// <summary>8 → the mean and log-variance of 2 latent values.</summary>
[Network]
[Input(8)]
[Dense(4)]
public partial class GuardVaeEncoder
{
}

/// <summary>2 latent values → 8 outputs.</summary>
[Network]
[Input(2)]
[Dense(8)]
public partial class GuardDecoder
{
}

/// <summary>3 noise values → 8-value samples.</summary>
[Network]
[Input(3)]
[Dense(8)]
public partial class GuardGenerator
{
}

/// <summary>An 8-value sample → the probability it is real.</summary>
[Network]
[Input(8)]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class GuardDiscriminator
{
}

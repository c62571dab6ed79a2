using System;
using System.Collections.Generic;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Trains an autoencoder made of two generated networks: an encoder x → z and a decoder z → x̂, under a
/// reconstruction loss between x̂ and x (mean squared error by default). Each network keeps its own optimiser,
/// because an optimiser's state belongs to one parameter vector.
/// </summary>
/// <remarks>
/// A step: encoder forward, decoder forward, the loss and its gradient dL/dx̂, decoder backward (which also gives
/// dL/dz), encoder backward from dL/dz, then both optimisers step. The datasets' targets are ignored: the input is the target.
/// </remarks>
public sealed class AutoencoderTrainer
{
    private readonly LossThroughNetwork _loss;
    private readonly GenerativeTrainerOptions _options;
    // The two networks with their optimisers and guards: each step ends there.
    private readonly NetworkPair _networks;
    // Counts the steps and knows where Fit is, for the non-finite check's message.
    private readonly TrainingLoop _loop = new();
    private float[] _latent;
    private float[] _latentGradient;
    private float[] _output;

    /// <summary>Creates a trainer; the networks are checked to fit each other and the loss to fit the decoder's output here.</summary>
    /// <param name="encoder">x [InputSize] → z [latent].</param>
    /// <param name="decoder">z [latent] → x̂ [InputSize of the encoder].</param>
    /// <param name="encoderOptimizer">Updates the encoder's parameters.</param>
    /// <param name="decoderOptimizer">Updates the decoder's parameters; a different instance from <paramref name="encoderOptimizer"/>.</param>
    /// <param name="loss">The reconstruction loss; <see cref="MeanSquaredErrorLoss"/> when null.</param>
    /// <param name="options">Epochs, batch size and seed; the defaults when null.</param>
    /// <exception cref="ArgumentException">The sizes do not chain, one optimiser serves both networks, an option is out of range, or the loss does not fit the decoder's output activation.</exception>
    public AutoencoderTrainer(
        INetwork encoder,
        INetwork decoder,
        IOptimizer encoderOptimizer,
        IOptimizer decoderOptimizer,
        ILoss? loss = null,
        GenerativeTrainerOptions? options = null)
    {
        GenerativeArguments.CheckPair(nameof(AutoencoderTrainer), encoder, decoder, encoderOptimizer, decoderOptimizer);
        GenerativeArguments.CheckChain(nameof(AutoencoderTrainer), "encoder", encoder.OutputSize, "decoder", decoder.InputSize);
        GenerativeArguments.CheckChain(nameof(AutoencoderTrainer), "decoder", decoder.OutputSize, "encoder's input", encoder.InputSize);
        _options = options ?? new GenerativeTrainerOptions();
        _options.Check(nameof(AutoencoderTrainer));
        _loss = new LossThroughNetwork(loss ?? new MeanSquaredErrorLoss(), decoder);
        _networks = new NetworkPair(encoder, "encoder", encoderOptimizer, decoder, "decoder", decoderOptimizer, _options.StopOnNonFinite);
        _latent = new float[_options.BatchSize * encoder.OutputSize];
        _latentGradient = new float[_latent.Length];
        _output = new float[_options.BatchSize * decoder.OutputSize];
    }

    private INetwork Encoder => _networks.First;
    private INetwork Decoder => _networks.Second;

    /// <summary>Floats in one latent code z.</summary>
    public int LatentSize => Encoder.OutputSize;

    /// <summary>
    /// Trains for <see cref="GenerativeTrainerOptions.Epochs"/> epochs over seeded shuffles of <paramref name="training"/>,
    /// measuring the reconstruction loss of <paramref name="validation"/> after each, and reports every epoch to
    /// <paramref name="progress"/> (synchronously) and in the returned list.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's input size is not the encoder's.</exception>
    public IReadOnlyList<AutoencoderEpochReport> Fit(Dataset training, Dataset? validation = null, IProgress<AutoencoderEpochReport>? progress = null)
    {
        GenerativeArguments.CheckInputs(nameof(AutoencoderTrainer), training, validation, Encoder.InputSize);
        var batches = new ShuffledBatches(training, _options.BatchSize, new FastRandom(_options.Seed));
        return _loop.Run(batches, _options.Epochs, epoch =>
        {
            double lossSum = 0;
            _loop.EachBatch(batch => lossSum += (double)TrainStep(batch.Inputs, batch.Size) * batch.Size);
            float? validationLoss = validation is null ? null : Evaluate(validation);
            return new AutoencoderEpochReport(epoch, _options.Epochs, (float)(lossSum / batches.Count), validationLoss, _loop.EpochElapsed);
        }, progress);
    }

    /// <summary>One step on a batch of inputs [batch, InputSize]: forward through both networks, back through both, update both.</summary>
    /// <returns>The reconstruction loss of the batch before the update.</returns>
    /// <exception cref="ArgumentException">The batch is not positive or the inputs do not hold batch × InputSize floats.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite (unless <see cref="GenerativeTrainerOptions.StopOnNonFinite"/> is off); the networks hold their last good parameters.</exception>
    public float TrainStep(ReadOnlySpan<float> inputs, int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(AutoencoderTrainer));
        NetworkArguments.CheckLength(inputs.Length, batch, Encoder.InputSize, nameof(inputs), nameof(AutoencoderTrainer));
        EnsureCapacity(batch);
        Span<float> latent = _latent.AsSpan(0, batch * LatentSize);
        Span<float> latentGradient = _latentGradient.AsSpan(0, latent.Length);
        Span<float> output = _output.AsSpan(0, batch * Decoder.OutputSize);
        Encoder.ZeroGradients();
        Decoder.ZeroGradients();
        Encoder.Forward(inputs, latent, batch, training: true);
        Decoder.Forward(latent, output, batch, training: true);
        float loss = _loss.Backward(output, inputs, latentGradient, batch);
        Encoder.Backward(latentGradient, Span<float>.Empty, batch);
        _networks.UpdateBoth(loss, _loop);
        return loss;
    }

    /// <summary>The mean reconstruction loss over <paramref name="data"/>'s inputs, in inference mode; parameters are unchanged.</summary>
    /// <exception cref="ArgumentException">The dataset's input size is not the encoder's.</exception>
    public float Evaluate(Dataset data)
    {
        GenerativeArguments.CheckInputs(nameof(AutoencoderTrainer), data, nameof(data), Encoder.InputSize);
        double sum = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, data.Count - start);
            ReadOnlySpan<float> inputs = data.Inputs.Slice(start * Encoder.InputSize, batch * Encoder.InputSize);
            Span<float> output = _output.AsSpan(0, batch * Decoder.OutputSize);
            Reconstruct(inputs, output, batch);
            sum += (double)_loss.Measure(output, inputs, batch) * batch;
        }
        return (float)(sum / data.Count);
    }

    /// <summary>The latent codes z [batch, LatentSize] of <paramref name="inputs"/> [batch, InputSize].</summary>
    public void Encode(ReadOnlySpan<float> inputs, Span<float> latent, int batch) => Encoder.Forward(inputs, latent, batch);

    /// <summary>The decoder's images [batch, InputSize] of latent codes [batch, LatentSize].</summary>
    public void Decode(ReadOnlySpan<float> latent, Span<float> outputs, int batch) => Decoder.Forward(latent, outputs, batch);

    /// <summary>Encodes and decodes <paramref name="inputs"/> [batch, InputSize] into <paramref name="outputs"/> of the same shape.</summary>
    public void Reconstruct(ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        EnsureCapacity(batch);
        Span<float> latent = _latent.AsSpan(0, batch * LatentSize);
        Encoder.Forward(inputs, latent, batch);
        Decoder.Forward(latent, outputs, batch);
    }

    // Grows the step buffers when TrainStep or Reconstruct gets a larger batch than the options' size: once, not per step.
    private void EnsureCapacity(int batch)
    {
        if (_latent.Length >= batch * LatentSize) return;
        _latent = new float[batch * LatentSize];
        _latentGradient = new float[_latent.Length];
        _output = new float[batch * Decoder.OutputSize];
    }
}

using System;
using System.Collections.Generic;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Trains a variational autoencoder made of two generated networks. The encoder maps x to 2·L floats per sample, the
/// mean μ (first L) and the log-variance log σ² (last L) of a Gaussian over the latent code; a latent sample
/// <c>z = μ + σ·ε</c> (<see cref="Reparameterization"/>) goes through the decoder to x̂. The loss per sample is
/// <c>reconstruction(x̂, x) + β·KL(N(μ, σ²) ‖ N(0, I))</c> (<see cref="GaussianKlDivergence"/>), whose β = 1 value is the
/// negative evidence lower bound. Each network keeps its own optimiser.
/// </summary>
/// <remarks>
/// The reconstruction term is the loss summed over a sample's outputs (the <see cref="ILoss"/> mean times the output
/// size), so it and the KL term, summed over latent units, are on the same per-sample scale. With
/// <see cref="BinaryCrossEntropyLoss"/> after a sigmoid decoder (the default) it is <c>−log p(x | z)</c> of a Bernoulli decoder.
/// </remarks>
public sealed class VaeTrainer
{
    private readonly LossThroughNetwork _loss;
    private readonly VaeOptions _options;
    // The two networks with their optimisers and guards: each step ends there.
    private readonly NetworkPair _networks;
    // Counts the steps and knows where Fit is, for the non-finite check's message.
    private readonly TrainingLoop _loop = new();
    private readonly FastRandom _noiseRandom;
    private int _capacity;
    // Per batch: encoder output and its gradient [batch, 2L]; μ, log σ², ε, z and their gradients [batch, L]; x̂ [batch, InputSize].
    private float[] _statistics = [], _statisticsGradient = [];
    private float[] _mean = [], _logVariance = [], _noise = [], _latent = [];
    private float[] _meanGradient = [], _logVarianceGradient = [], _latentGradient = [];
    private float[] _output = [];

    /// <summary>Creates a trainer; the networks are checked to fit each other and the loss to fit the decoder's output here.</summary>
    /// <param name="encoder">x [InputSize] → [μ, log σ²] [2 · latent], a Linear output layer.</param>
    /// <param name="decoder">z [latent] → x̂ [InputSize of the encoder].</param>
    /// <param name="encoderOptimizer">Updates the encoder's parameters.</param>
    /// <param name="decoderOptimizer">Updates the decoder's parameters; a different instance from <paramref name="encoderOptimizer"/>.</param>
    /// <param name="loss">The reconstruction loss; <see cref="BinaryCrossEntropyLoss"/> when null.</param>
    /// <param name="options">Epochs, batch size, seed and β; the defaults when null.</param>
    /// <exception cref="ArgumentException">The encoder's output is odd, not twice the decoder's input, or not linear; the decoder does not output the encoder's input size; one optimiser serves both; β or another option is out of range; or the loss does not fit the decoder.</exception>
    public VaeTrainer(
        INetwork encoder,
        INetwork decoder,
        IOptimizer encoderOptimizer,
        IOptimizer decoderOptimizer,
        ILoss? loss = null,
        VaeOptions? options = null)
    {
        GenerativeArguments.CheckPair(nameof(VaeTrainer), encoder, decoder, encoderOptimizer, decoderOptimizer);
        GenerativeArguments.CheckChain(nameof(VaeTrainer), "encoder (μ and log σ²)", encoder.OutputSize, "decoder's input times 2", 2 * decoder.InputSize);
        GenerativeArguments.CheckChain(nameof(VaeTrainer), "decoder", decoder.OutputSize, "encoder's input", encoder.InputSize);
        // log σ² may be any real number; a squashing activation would bound σ and the mean.
        if (encoder.OutputActivation != Activation.Linear)
        {
            throw new ArgumentException($"{nameof(VaeTrainer)}: the encoder's last layer must be Linear (μ and log σ² are unbounded), got {encoder.OutputActivation}.", nameof(encoder));
        }
        _options = options ?? new VaeOptions();
        _options.Check(nameof(VaeTrainer));
        if (!(float.IsFinite(_options.Beta) && _options.Beta >= 0))
        {
            throw new ArgumentException($"{nameof(VaeTrainer)}: {nameof(VaeOptions.Beta)} must be finite and at least 0, got {_options.Beta}.", nameof(options));
        }
        _loss = new LossThroughNetwork(loss ?? new BinaryCrossEntropyLoss(), decoder);
        _networks = new NetworkPair(encoder, "encoder", encoderOptimizer, decoder, "decoder", decoderOptimizer, _options.StopOnNonFinite);
        _noiseRandom = new FastRandom(NoiseSeed(_options.Seed));
        EnsureCapacity(_options.BatchSize);
    }

    private INetwork Encoder => _networks.First;
    private INetwork Decoder => _networks.Second;

    /// <summary>Floats in one latent code z: half the encoder's output.</summary>
    public int LatentSize => Decoder.InputSize;

    /// <summary>
    /// Trains for <see cref="GenerativeTrainerOptions.Epochs"/> epochs over seeded shuffles of <paramref name="training"/>,
    /// evaluating <paramref name="validation"/> after each, and reports every epoch to <paramref name="progress"/>
    /// (synchronously) and in the returned list.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's input size is not the encoder's.</exception>
    public IReadOnlyList<VaeEpochReport> Fit(Dataset training, Dataset? validation = null, IProgress<VaeEpochReport>? progress = null)
    {
        GenerativeArguments.CheckInputs(nameof(VaeTrainer), training, validation, Encoder.InputSize);
        var batches = new ShuffledBatches(training, _options.BatchSize, new FastRandom(_options.Seed));
        return _loop.Run(batches, _options.Epochs, epoch =>
        {
            double reconstruction = 0, kl = 0;
            _loop.EachBatch(batch =>
            {
                var step = TrainStep(batch.Inputs, batch.Size);
                reconstruction += (double)step.Reconstruction * batch.Size;
                kl += (double)step.Kl * batch.Size;
            });
            var training = new VaeEvaluation((float)(reconstruction / batches.Count), (float)(kl / batches.Count));
            return new VaeEpochReport(epoch, _options.Epochs, training, validation is null ? null : Evaluate(validation), _loop.EpochElapsed);
        }, progress);
    }

    /// <summary>
    /// One step on a batch of inputs [batch, InputSize]: encode, draw ε, sample z, decode, then back-propagate
    /// reconstruction + β·KL through the decoder, the sample and the encoder, and update both networks.
    /// </summary>
    /// <returns>The batch's reconstruction and KL terms before the update.</returns>
    /// <exception cref="ArgumentException">The batch is not positive or the inputs do not hold batch × InputSize floats.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite (unless <see cref="GenerativeTrainerOptions.StopOnNonFinite"/> is off); the networks hold their last good parameters.</exception>
    public VaeEvaluation TrainStep(ReadOnlySpan<float> inputs, int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(VaeTrainer));
        NetworkArguments.CheckLength(inputs.Length, batch, Encoder.InputSize, nameof(inputs), nameof(VaeTrainer));
        EnsureCapacity(batch);
        int latentLength = batch * LatentSize;
        Span<float> mean = _mean.AsSpan(0, latentLength), logVariance = _logVariance.AsSpan(0, latentLength);
        Span<float> noise = _noise.AsSpan(0, latentLength), latent = _latent.AsSpan(0, latentLength);
        Span<float> meanGradient = _meanGradient.AsSpan(0, latentLength), logVarianceGradient = _logVarianceGradient.AsSpan(0, latentLength);
        Span<float> latentGradient = _latentGradient.AsSpan(0, latentLength);
        Span<float> output = _output.AsSpan(0, batch * Decoder.OutputSize);

        Encoder.ZeroGradients();
        Decoder.ZeroGradients();
        Span<float> statistics = _statistics.AsSpan(0, 2 * latentLength);
        Encoder.Forward(inputs, statistics, batch, training: true);
        SplitRows(statistics, mean, logVariance, batch);
        Reparameterization.DrawNoise(_noiseRandom, noise);
        Reparameterization.Sample(mean, logVariance, noise, latent);
        Decoder.Forward(latent, output, batch, training: true);
        float reconstruction = _loss.Backward(output, inputs, latentGradient, batch, scale: Decoder.OutputSize);

        meanGradient.Clear();
        logVarianceGradient.Clear();
        Reparameterization.Backward(latentGradient, logVariance, noise, meanGradient, logVarianceGradient);
        float kl = GaussianKlDivergence.Compute(mean, logVariance, meanGradient, logVarianceGradient, batch, _options.Beta);
        Span<float> statisticsGradient = _statisticsGradient.AsSpan(0, 2 * latentLength);
        JoinRows(meanGradient, logVarianceGradient, statisticsGradient, batch);
        Encoder.Backward(statisticsGradient, Span<float>.Empty, batch);
        _networks.UpdateBoth(reconstruction + kl, _loop);
        return new VaeEvaluation(reconstruction, kl);
    }

    /// <summary>
    /// The reconstruction and KL terms averaged over <paramref name="data"/>'s inputs, in inference mode, with one latent
    /// sample per input from a generator seeded afresh by each call (so the same parameters give the same figures).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's input size is not the encoder's.</exception>
    public VaeEvaluation Evaluate(Dataset data)
    {
        GenerativeArguments.CheckInputs(nameof(VaeTrainer), data, nameof(data), Encoder.InputSize);
        var random = new FastRandom(EvaluationSeed(_options.Seed));
        double reconstruction = 0, kl = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, data.Count - start);
            int latentLength = batch * LatentSize;
            ReadOnlySpan<float> inputs = data.Inputs.Slice(start * Encoder.InputSize, batch * Encoder.InputSize);
            Span<float> mean = _mean.AsSpan(0, latentLength), logVariance = _logVariance.AsSpan(0, latentLength);
            Span<float> noise = _noise.AsSpan(0, latentLength), latent = _latent.AsSpan(0, latentLength);
            Span<float> output = _output.AsSpan(0, batch * Decoder.OutputSize);
            Encode(inputs, mean, logVariance, batch);
            Reparameterization.DrawNoise(random, noise);
            Reparameterization.Sample(mean, logVariance, noise, latent);
            Decoder.Forward(latent, output, batch);
            reconstruction += (double)_loss.Measure(output, inputs, batch, scale: Decoder.OutputSize) * batch;
            kl += (double)GaussianKlDivergence.Compute(mean, logVariance, Span<float>.Empty, Span<float>.Empty, batch) * batch;
        }
        return new VaeEvaluation((float)(reconstruction / data.Count), (float)(kl / data.Count));
    }

    /// <summary>The encoder's μ and log σ² [batch, LatentSize] each for <paramref name="inputs"/> [batch, InputSize], in inference mode.</summary>
    /// <exception cref="ArgumentException">A length does not fit the batch.</exception>
    public void Encode(ReadOnlySpan<float> inputs, Span<float> mean, Span<float> logVariance, int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(VaeTrainer));
        NetworkArguments.CheckLength(mean.Length, batch, LatentSize, nameof(mean), nameof(VaeTrainer));
        NetworkArguments.CheckLength(logVariance.Length, batch, LatentSize, nameof(logVariance), nameof(VaeTrainer));
        EnsureCapacity(batch);
        Span<float> statistics = _statistics.AsSpan(0, 2 * batch * LatentSize);
        Encoder.Forward(inputs, statistics, batch);
        SplitRows(statistics, mean, logVariance, batch);
    }

    /// <summary>The decoder's images [batch, InputSize] of latent codes [batch, LatentSize].</summary>
    public void Decode(ReadOnlySpan<float> latent, Span<float> outputs, int batch) => Decoder.Forward(latent, outputs, batch);

    /// <summary>Reconstructs <paramref name="inputs"/> [batch, InputSize] by decoding the encoder's mean μ (no sampling), the usual picture of a VAE's reconstructions.</summary>
    public void Reconstruct(ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        EnsureCapacity(batch);
        Span<float> mean = _mean.AsSpan(0, batch * LatentSize);
        Encode(inputs, mean, _logVariance.AsSpan(0, mean.Length), batch);
        Decoder.Forward(mean, outputs, batch);
    }

    /// <summary>Decodes <paramref name="count"/> latent codes drawn from the prior N(0, I) with <paramref name="random"/> into <paramref name="outputs"/> [count, InputSize].</summary>
    public void SamplePrior(FastRandom random, Span<float> outputs, int count)
    {
        NetworkArguments.CheckBatch(count, nameof(VaeTrainer));
        EnsureCapacity(count);
        Span<float> latent = _latent.AsSpan(0, count * LatentSize);
        Reparameterization.DrawNoise(random, latent);
        Decoder.Forward(latent, outputs, count);
    }

    // The encoder's rows are [μ (L), log σ² (L)]; the arithmetic wants them apart.
    private void SplitRows(ReadOnlySpan<float> statistics, Span<float> mean, Span<float> logVariance, int batch)
    {
        int size = LatentSize;
        for (int row = 0; row < batch; row++)
        {
            statistics.Slice(2 * row * size, size).CopyTo(mean.Slice(row * size, size));
            statistics.Slice((2 * row + 1) * size, size).CopyTo(logVariance.Slice(row * size, size));
        }
    }

    private void JoinRows(ReadOnlySpan<float> mean, ReadOnlySpan<float> logVariance, Span<float> statistics, int batch)
    {
        int size = LatentSize;
        for (int row = 0; row < batch; row++)
        {
            mean.Slice(row * size, size).CopyTo(statistics.Slice(2 * row * size, size));
            logVariance.Slice(row * size, size).CopyTo(statistics.Slice((2 * row + 1) * size, size));
        }
    }

    // Allocates once for the options' batch size, and again only when a larger batch arrives.
    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        int latentLength = batch * LatentSize;
        _statistics = new float[2 * latentLength];
        _statisticsGradient = new float[2 * latentLength];
        _mean = new float[latentLength];
        _logVariance = new float[latentLength];
        _noise = new float[latentLength];
        _latent = new float[latentLength];
        _meanGradient = new float[latentLength];
        _logVarianceGradient = new float[latentLength];
        _latentGradient = new float[latentLength];
        _output = new float[batch * Decoder.OutputSize];
        _capacity = batch;
    }

    // The noise and the evaluation draw from streams of their own, apart from the shuffle's.
    private static long NoiseSeed(int seed) => seed ^ 0x2545F4914F6CDD1DL;

    private static long EvaluationSeed(int seed) => seed ^ 0x1B873593L;
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
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
    private readonly INetwork _encoder;
    private readonly INetwork _decoder;
    private readonly IOptimizer _encoderOptimizer;
    private readonly IOptimizer _decoderOptimizer;
    private readonly LossThroughNetwork _loss;
    private readonly VaeOptions _options;
    // Null when StopOnNonFinite is off: one guard per network, checked together each step.
    private readonly NonFiniteGuard[]? _nonFinite;
    private long _steps;
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
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(encoderOptimizer);
        ArgumentNullException.ThrowIfNull(decoderOptimizer);
        GenerativeArguments.CheckChain(nameof(VaeTrainer), "encoder (μ and log σ²)", encoder.OutputSize, "decoder's input times 2", 2 * decoder.InputSize);
        GenerativeArguments.CheckChain(nameof(VaeTrainer), "decoder", decoder.OutputSize, "encoder's input", encoder.InputSize);
        GenerativeArguments.CheckDistinct(nameof(VaeTrainer), encoderOptimizer, decoderOptimizer);
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
        encoderOptimizer.Bind(encoder.Layout);
        decoderOptimizer.Bind(decoder.Layout);
        _encoder = encoder;
        _decoder = decoder;
        if (_options.StopOnNonFinite) _nonFinite = [new NonFiniteGuard(encoder, "encoder"), new NonFiniteGuard(decoder, "decoder")];
        _encoderOptimizer = encoderOptimizer;
        _decoderOptimizer = decoderOptimizer;
        _noiseRandom = new FastRandom(NoiseSeed(_options.Seed));
        EnsureCapacity(_options.BatchSize);
    }

    /// <summary>Floats in one latent code z: half the encoder's output.</summary>
    public int LatentSize => _decoder.InputSize;

    /// <summary>
    /// Trains for <see cref="GenerativeTrainerOptions.Epochs"/> epochs over seeded shuffles of <paramref name="training"/>,
    /// evaluating <paramref name="validation"/> after each, and reports every epoch to <paramref name="progress"/>
    /// (synchronously) and in the returned list.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's input size is not the encoder's.</exception>
    public IReadOnlyList<VaeEpochReport> Fit(Dataset training, Dataset? validation = null, IProgress<VaeEpochReport>? progress = null)
    {
        GenerativeArguments.CheckInputs(nameof(VaeTrainer), training, validation, _encoder.InputSize);
        var batches = new ShuffledBatches(training, _options.BatchSize, new FastRandom(_options.Seed));
        var reports = new List<VaeEpochReport>(_options.Epochs);
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            double reconstruction = 0, kl = 0;
            batches.Epoch((inputs, batch) =>
            {
                var step = TrainStep(inputs, batch);
                reconstruction += (double)step.Reconstruction * batch;
                kl += (double)step.Kl * batch;
            });
            var report = new VaeEpochReport(epoch, _options.Epochs,
                new VaeEvaluation((float)(reconstruction / batches.Count), (float)(kl / batches.Count)),
                validation is null ? null : Evaluate(validation), Stopwatch.GetElapsedTime(started));
            progress?.Report(report);
            reports.Add(report);
        }
        return reports;
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
        NetworkArguments.CheckLength(inputs.Length, batch, _encoder.InputSize, nameof(inputs), nameof(VaeTrainer));
        EnsureCapacity(batch);
        int latentLength = batch * LatentSize;
        Span<float> mean = _mean.AsSpan(0, latentLength), logVariance = _logVariance.AsSpan(0, latentLength);
        Span<float> noise = _noise.AsSpan(0, latentLength), latent = _latent.AsSpan(0, latentLength);
        Span<float> meanGradient = _meanGradient.AsSpan(0, latentLength), logVarianceGradient = _logVarianceGradient.AsSpan(0, latentLength);
        Span<float> latentGradient = _latentGradient.AsSpan(0, latentLength);
        Span<float> output = _output.AsSpan(0, batch * _decoder.OutputSize);

        _encoder.ZeroGradients();
        _decoder.ZeroGradients();
        Span<float> statistics = _statistics.AsSpan(0, 2 * latentLength);
        _encoder.Forward(inputs, statistics, batch, training: true);
        SplitRows(statistics, mean, logVariance, batch);
        Reparameterization.DrawNoise(_noiseRandom, noise);
        Reparameterization.Sample(mean, logVariance, noise, latent);
        _decoder.Forward(latent, output, batch, training: true);
        float reconstruction = _loss.Backward(output, inputs, latentGradient, batch, scale: _decoder.OutputSize);

        meanGradient.Clear();
        logVarianceGradient.Clear();
        Reparameterization.Backward(latentGradient, logVariance, noise, meanGradient, logVarianceGradient);
        float kl = GaussianKlDivergence.Compute(mean, logVariance, meanGradient, logVarianceGradient, batch, _options.Beta);
        Span<float> statisticsGradient = _statisticsGradient.AsSpan(0, 2 * latentLength);
        JoinRows(meanGradient, logVarianceGradient, statisticsGradient, batch);
        _encoder.Backward(statisticsGradient, Span<float>.Empty, batch);
        _steps++;
        if (_nonFinite is not null) NonFiniteGuard.Check(reconstruction + kl, _steps, 0, 0, null, _nonFinite);
        _encoderOptimizer.Step(_encoder.Parameters, _encoder.Gradients);
        _decoderOptimizer.Step(_decoder.Parameters, _decoder.Gradients);
        return new VaeEvaluation(reconstruction, kl);
    }

    /// <summary>
    /// The reconstruction and KL terms averaged over <paramref name="data"/>'s inputs, in inference mode, with one latent
    /// sample per input from a generator seeded afresh by each call (so the same parameters give the same figures).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's input size is not the encoder's.</exception>
    public VaeEvaluation Evaluate(Dataset data)
    {
        GenerativeArguments.CheckInputs(nameof(VaeTrainer), data, nameof(data), _encoder.InputSize);
        var random = new FastRandom(EvaluationSeed(_options.Seed));
        double reconstruction = 0, kl = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, data.Count - start);
            int latentLength = batch * LatentSize;
            ReadOnlySpan<float> inputs = data.Inputs.Slice(start * _encoder.InputSize, batch * _encoder.InputSize);
            Span<float> mean = _mean.AsSpan(0, latentLength), logVariance = _logVariance.AsSpan(0, latentLength);
            Span<float> noise = _noise.AsSpan(0, latentLength), latent = _latent.AsSpan(0, latentLength);
            Span<float> output = _output.AsSpan(0, batch * _decoder.OutputSize);
            Encode(inputs, mean, logVariance, batch);
            Reparameterization.DrawNoise(random, noise);
            Reparameterization.Sample(mean, logVariance, noise, latent);
            _decoder.Forward(latent, output, batch);
            reconstruction += (double)_loss.Measure(output, inputs, batch, scale: _decoder.OutputSize) * batch;
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
        _encoder.Forward(inputs, statistics, batch);
        SplitRows(statistics, mean, logVariance, batch);
    }

    /// <summary>The decoder's images [batch, InputSize] of latent codes [batch, LatentSize].</summary>
    public void Decode(ReadOnlySpan<float> latent, Span<float> outputs, int batch) => _decoder.Forward(latent, outputs, batch);

    /// <summary>Reconstructs <paramref name="inputs"/> [batch, InputSize] by decoding the encoder's mean μ (no sampling), the usual picture of a VAE's reconstructions.</summary>
    public void Reconstruct(ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        EnsureCapacity(batch);
        Span<float> mean = _mean.AsSpan(0, batch * LatentSize);
        Encode(inputs, mean, _logVariance.AsSpan(0, mean.Length), batch);
        _decoder.Forward(mean, outputs, batch);
    }

    /// <summary>Decodes <paramref name="count"/> latent codes drawn from the prior N(0, I) with <paramref name="random"/> into <paramref name="outputs"/> [count, InputSize].</summary>
    public void SamplePrior(FastRandom random, Span<float> outputs, int count)
    {
        NetworkArguments.CheckBatch(count, nameof(VaeTrainer));
        EnsureCapacity(count);
        Span<float> latent = _latent.AsSpan(0, count * LatentSize);
        Reparameterization.DrawNoise(random, latent);
        _decoder.Forward(latent, outputs, count);
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
        _output = new float[batch * _decoder.OutputSize];
        _capacity = batch;
    }

    // The noise and the evaluation draw from streams of their own, apart from the shuffle's.
    private static long NoiseSeed(int seed) => seed ^ 0x2545F4914F6CDD1DL;

    private static long EvaluationSeed(int seed) => seed ^ 0x1B873593L;
}

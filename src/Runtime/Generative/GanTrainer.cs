using System;
using System.Collections.Generic;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Trains a generative adversarial network made of two generated networks: a generator G that maps standard normal
/// noise z to a sample, and a discriminator D that maps a sample to one output, the probability (Sigmoid) or the logit
/// (Linear) that it is real. Discriminator and generator steps alternate, each network with its own optimiser.
/// </summary>
/// <remarks>
/// The discriminator step minimises the binary cross-entropy <c>−log D(x) − log(1 − D(G(z)))</c> on a batch of real
/// samples and an equal batch of generated ones, with G fixed. The generator step minimises the non-saturating loss
/// <c>−log D(G(z))</c> (rather than <c>log(1 − D(G(z)))</c>, whose gradient vanishes while D easily rejects the fakes);
/// its gradient reaches G through D's input gradient, and the parameter gradients it leaves in D are discarded.
/// </remarks>
public sealed class GanTrainer
{
    private readonly LossThroughNetwork _loss;
    private readonly GanOptions _options;
    // The two networks with their optimisers and guards: each step ends there, checking and updating the network it trained.
    private readonly NetworkPair _networks;
    // Counts the steps and knows where Fit is, for the non-finite check's message.
    private readonly TrainingLoop _loop = new();
    private readonly FastRandom _noiseRandom;
    private int _capacity;
    // Discriminator step: real then generated samples [2·batch, SampleSize], their labels and D's outputs [2·batch].
    private float[] _samples = [], _labels = [], _scores = [];
    // Generator step: noise [batch, NoiseSize], the generated samples' gradient [batch, SampleSize].
    private float[] _noise = [], _sampleGradient = [], _ones = [];

    /// <summary>Creates a trainer; the networks are checked to fit each other here.</summary>
    /// <param name="generator">Noise [NoiseSize] → sample [SampleSize].</param>
    /// <param name="discriminator">Sample [SampleSize] → one Sigmoid or Linear output.</param>
    /// <param name="generatorOptimizer">Updates the generator's parameters.</param>
    /// <param name="discriminatorOptimizer">Updates the discriminator's parameters; a different instance from <paramref name="generatorOptimizer"/>.</param>
    /// <param name="options">Epochs, batch size, seed and discriminator steps; the defaults when null.</param>
    /// <exception cref="ArgumentException">The sizes do not chain, the discriminator has more than one output or another activation, one optimiser serves both, or an option is out of range.</exception>
    public GanTrainer(INetwork generator, INetwork discriminator, IOptimizer generatorOptimizer, IOptimizer discriminatorOptimizer, GanOptions? options = null)
    {
        GenerativeArguments.CheckPair(nameof(GanTrainer), generator, discriminator, generatorOptimizer, discriminatorOptimizer);
        GenerativeArguments.CheckChain(nameof(GanTrainer), "generator", generator.OutputSize, "discriminator", discriminator.InputSize);
        if (discriminator.OutputSize != 1)
        {
            throw new ArgumentException($"{nameof(GanTrainer)}: the discriminator must output one value per sample (real or generated), got {discriminator.OutputSize}.", nameof(discriminator));
        }
        _options = options ?? new GanOptions();
        _options.Check(nameof(GanTrainer));
        if (_options.DiscriminatorSteps < 1)
        {
            throw new ArgumentException($"{nameof(GanTrainer)}: {nameof(GanOptions.DiscriminatorSteps)} must be at least 1, got {_options.DiscriminatorSteps}.", nameof(options));
        }
        _loss = new LossThroughNetwork(new BinaryCrossEntropyLoss(), discriminator);
        _networks = new NetworkPair(generator, "generator", generatorOptimizer, discriminator, "discriminator", discriminatorOptimizer, _options.StopOnNonFinite);
        _noiseRandom = new FastRandom(NoiseSeed(_options.Seed));
        EnsureCapacity(_options.BatchSize);
    }

    private INetwork Generator => _networks.First;
    private INetwork Discriminator => _networks.Second;

    /// <summary>Floats of noise the generator takes per sample.</summary>
    public int NoiseSize => Generator.InputSize;

    /// <summary>Floats in one sample, real or generated.</summary>
    public int SampleSize => Generator.OutputSize;

    /// <summary>
    /// Trains for <see cref="GenerativeTrainerOptions.Epochs"/> epochs. Each epoch walks a seeded shuffle of
    /// <paramref name="training"/> in batches: every batch is one discriminator step, and every
    /// <see cref="GanOptions.DiscriminatorSteps"/>-th is followed by a generator step. Each epoch's averages go to
    /// <paramref name="progress"/> (synchronously, so it may write samples) and into the returned list.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's input size is not the generator's output size.</exception>
    public IReadOnlyList<GanEpochReport> Fit(Dataset training, IProgress<GanEpochReport>? progress = null)
    {
        GenerativeArguments.CheckInputs(nameof(GanTrainer), training, nameof(training), SampleSize);
        var batches = new ShuffledBatches(training, _options.BatchSize, new FastRandom(_options.Seed));
        return _loop.Run(batches, _options.Epochs, epoch =>
        {
            double discriminatorLoss = 0, generatorLoss = 0, realScore = 0, fakeScore = 0;
            int discriminatorSteps = 0, generatorSteps = 0;
            _loop.EachBatch(batch =>
            {
                var step = DiscriminatorStep(batch.Inputs, batch.Size);
                discriminatorLoss += step.Loss;
                realScore += step.RealScore;
                fakeScore += step.FakeScore;
                if (++discriminatorSteps % _options.DiscriminatorSteps != 0) return;
                generatorLoss += GeneratorStep(_options.BatchSize);
                generatorSteps++;
            });
            return new GanEpochReport(epoch, _options.Epochs,
                (float)(discriminatorLoss / discriminatorSteps),
                generatorSteps == 0 ? float.NaN : (float)(generatorLoss / generatorSteps),
                (float)(realScore / discriminatorSteps),
                (float)(fakeScore / discriminatorSteps),
                _loop.EpochElapsed);
        }, progress);
    }

    /// <summary>
    /// One discriminator update on <paramref name="real"/> [batch, SampleSize] and as many generated samples: minimises
    /// <c>−log D(x) − log(1 − D(G(z)))</c> (each term averaged over the batch) with the generator fixed.
    /// </summary>
    /// <returns>The loss before the update and the mean D(x) and D(G(z)) it saw.</returns>
    /// <exception cref="ArgumentException">The batch is not positive or <paramref name="real"/> does not hold batch × SampleSize floats.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite (unless <see cref="GenerativeTrainerOptions.StopOnNonFinite"/> is off); the discriminator holds its last good parameters.</exception>
    public (float Loss, float RealScore, float FakeScore) DiscriminatorStep(ReadOnlySpan<float> real, int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(GanTrainer));
        NetworkArguments.CheckLength(real.Length, batch, SampleSize, nameof(real), nameof(GanTrainer));
        EnsureCapacity(batch);
        // One forward over the real rows then the generated rows: half of the mean over 2·batch is each term's mean.
        Span<float> samples = _samples.AsSpan(0, 2 * batch * SampleSize);
        real.CopyTo(samples);
        Span<float> noise = _noise.AsSpan(0, batch * NoiseSize);
        Reparameterization.DrawNoise(_noiseRandom, noise);
        Generator.Forward(noise, samples.Slice(batch * SampleSize), batch);
        Span<float> labels = _labels.AsSpan(0, 2 * batch);
        labels[..batch].Fill(1f);
        labels[batch..].Clear();
        Span<float> scores = _scores.AsSpan(0, 2 * batch);

        Discriminator.ZeroGradients();
        Discriminator.Forward(samples, scores, 2 * batch, training: true);
        float loss = _loss.Backward(scores, labels, Span<float>.Empty, 2 * batch, scale: 2f);
        _networks.UpdateSecond(loss, _loop);
        return (loss, MeanProbability(scores[..batch]), MeanProbability(scores[batch..]));
    }

    /// <summary>
    /// One generator update on <paramref name="batch"/> fresh noise samples: minimises the non-saturating
    /// <c>−log D(G(z))</c>, back-propagated through D (whose parameters stay as they are) into G.
    /// </summary>
    /// <returns>The loss before the update.</returns>
    /// <exception cref="ArgumentException">The batch is not positive.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite (unless <see cref="GenerativeTrainerOptions.StopOnNonFinite"/> is off); the generator holds its last good parameters.</exception>
    public float GeneratorStep(int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(GanTrainer));
        EnsureCapacity(batch);
        Span<float> noise = _noise.AsSpan(0, batch * NoiseSize);
        Span<float> samples = _samples.AsSpan(0, batch * SampleSize);
        Span<float> sampleGradient = _sampleGradient.AsSpan(0, samples.Length);
        Span<float> scores = _scores.AsSpan(0, batch);
        Reparameterization.DrawNoise(_noiseRandom, noise);

        Generator.ZeroGradients();
        Generator.Forward(noise, samples, batch, training: true);
        Discriminator.Forward(samples, scores, batch, training: true);
        // Labelling the fakes "real" turns the cross-entropy into −log D(G(z)).
        float loss = _loss.Backward(scores, _ones.AsSpan(0, batch), sampleGradient, batch);
        Generator.Backward(sampleGradient, Span<float>.Empty, batch);
        _networks.UpdateFirst(loss, _loop);
        // D's gradients from this step are not D's objective; the next discriminator step zeroes them before use.
        return loss;
    }

    /// <summary>Generates <paramref name="count"/> samples [count, SampleSize] from standard normal noise drawn with <paramref name="random"/>.</summary>
    public void Generate(FastRandom random, Span<float> outputs, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var noise = new float[count * NoiseSize];
        Reparameterization.DrawNoise(random, noise);
        Generate(noise, outputs, count);
    }

    /// <summary>Generates the samples [count, SampleSize] of given noise [count, NoiseSize]: a fixed noise batch shows how one set of samples evolves.</summary>
    public void Generate(ReadOnlySpan<float> noise, Span<float> outputs, int count) => Generator.Forward(noise, outputs, count);

    /// <summary>The discriminator's probability that each of <paramref name="count"/> samples [count, SampleSize] is real, into <paramref name="probabilities"/> [count].</summary>
    public void Score(ReadOnlySpan<float> samples, Span<float> probabilities, int count)
    {
        Discriminator.Forward(samples, probabilities, count);
        if (Discriminator.OutputActivation == Activation.Linear) System.Numerics.Tensors.TensorPrimitives.Sigmoid(probabilities, probabilities);
    }

    private float MeanProbability(ReadOnlySpan<float> outputs)
    {
        double sum = 0;
        bool logits = Discriminator.OutputActivation == Activation.Linear;
        foreach (float value in outputs) sum += logits ? 1 / (1 + Math.Exp(-value)) : value;
        return (float)(sum / outputs.Length);
    }

    // Allocates once for the options' batch size, and again only when a larger batch arrives.
    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        _samples = new float[2 * batch * SampleSize];
        _labels = new float[2 * batch];
        _scores = new float[2 * batch];
        _noise = new float[batch * NoiseSize];
        _sampleGradient = new float[batch * SampleSize];
        _ones = new float[batch];
        Array.Fill(_ones, 1f);
        _capacity = batch;
    }

    // The noise draws from a stream of its own, apart from the shuffle's.
    private static long NoiseSeed(int seed) => seed ^ 0x2545F4914F6CDD1DL;
}

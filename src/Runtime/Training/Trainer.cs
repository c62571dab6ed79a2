using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;

namespace DslNet;

/// <summary>
/// Trains any <see cref="INetwork"/> with a loss and an optimiser: single steps, whole runs over a
/// <see cref="Dataset"/> with seeded mini-batch shuffling, and evaluation. Buffers are allocated once
/// and grow only when a larger batch arrives, so a training step allocates nothing.
/// </summary>
public sealed class Trainer
{
    private readonly INetwork _network;
    private readonly ILoss _loss;
    private readonly IOptimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly LossGradientTarget _gradientTarget;

    // Output and loss gradient of the current batch, [capacity, OutputSize].
    private float[] _output;
    private float[] _gradient;

    // Fit gathers each shuffled mini-batch here, [BatchSize, InputSize] and [BatchSize, OutputSize].
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;

    /// <summary>
    /// Creates a trainer. The loss is checked against the network's output activation here, so a
    /// mismatch (softmax cross-entropy after a sigmoid layer, say) fails at once.
    /// </summary>
    /// <exception cref="ArgumentException">The loss does not fit the network's output activation, or an option is out of range.</exception>
    public Trainer(INetwork network, ILoss loss, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        if (options.Epochs < 1)
        {
            throw new ArgumentException($"{nameof(TrainerOptions)}.{nameof(TrainerOptions.Epochs)} must be at least 1, got {options.Epochs}.", nameof(options));
        }
        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"{nameof(TrainerOptions)}.{nameof(TrainerOptions.BatchSize)} must be at least 1, got {options.BatchSize}.", nameof(options));
        }
        _gradientTarget = loss.GradientTarget(network.OutputActivation);
        _network = network;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        _output = new float[options.BatchSize * network.OutputSize];
        _gradient = new float[_output.Length];
        _batchInputs = new float[options.BatchSize * network.InputSize];
        _batchTargets = new float[options.BatchSize * network.OutputSize];
    }

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs. Each epoch shuffles the training samples
    /// (seeded by <see cref="TrainerOptions.Seed"/>, one generator for the whole run so every epoch differs),
    /// steps once per mini-batch, then evaluates <paramref name="validation"/> if given. Each epoch's report
    /// goes to <paramref name="progress"/> (called synchronously) and into the returned list.
    /// </summary>
    /// <exception cref="ArgumentException">A dataset's input or target size does not match the network.</exception>
    public IReadOnlyList<EpochReport> Fit(Dataset training, Dataset? validation = null, IProgress<EpochReport>? progress = null)
    {
        CheckDataset(training, nameof(training));
        if (validation is not null) CheckDataset(validation, nameof(validation));
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        int count = training.Count;
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var random = new FastRandom(_options.Seed);
        var reports = new List<EpochReport>(_options.Epochs);

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            random.Shuffle(order);
            double lossSum = 0;
            long correct = 0;
            for (int start = 0; start < count; start += _options.BatchSize)
            {
                int batch = Math.Min(_options.BatchSize, count - start);
                Span<float> inputs = _batchInputs.AsSpan(0, batch * inputSize);
                Span<float> targets = _batchTargets.AsSpan(0, batch * outputSize);
                for (int i = 0; i < batch; i++)
                {
                    training.Input(order[start + i]).CopyTo(inputs.Slice(i * inputSize, inputSize));
                    training.Target(order[start + i]).CopyTo(targets.Slice(i * outputSize, outputSize));
                }
                // Weighted by the batch size, so a short last batch counts for what it holds.
                lossSum += (double)Step(inputs, targets, batch) * batch;
                if (_loss.IsClassification) correct += CountCorrect(_output.AsSpan(0, batch * outputSize), targets, batch);
            }

            Evaluation? validated = validation is null ? null : Evaluate(validation);
            var report = new EpochReport(
                epoch,
                _options.Epochs,
                (float)(lossSum / count),
                _loss.IsClassification ? (float)((double)correct / count) : null,
                validated?.Loss,
                validated?.Accuracy,
                Stopwatch.GetElapsedTime(started));
            progress?.Report(report);
            reports.Add(report);
        }
        return reports;
    }

    /// <summary>
    /// One training step on a batch: zeroes the gradients, runs a training forward pass, computes the loss
    /// and its gradient, back-propagates it and lets the optimiser update the parameters.
    /// </summary>
    /// <param name="inputs">[batch, InputSize] row-major.</param>
    /// <param name="targets">[batch, OutputSize] row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>The mean loss of the batch, before the update.</returns>
    /// <exception cref="ArgumentException">The batch is not positive or a length does not fit it; the message names the expected and actual sizes.</exception>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        NetworkArguments.CheckBatch(batch, nameof(Trainer));
        NetworkArguments.CheckLength(inputs.Length, batch, _network.InputSize, nameof(inputs), nameof(Trainer));
        NetworkArguments.CheckLength(targets.Length, batch, _network.OutputSize, nameof(targets), nameof(Trainer));
        return Step(inputs, targets, batch);
    }

    /// <summary>
    /// The mean loss of the network over <paramref name="data"/> (inference forward passes in batches of
    /// <see cref="TrainerOptions.BatchSize"/>), and the accuracy for classification losses. Parameters are unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's input or target size does not match the network.</exception>
    public Evaluation Evaluate(Dataset data)
    {
        CheckDataset(data, nameof(data));
        int inputSize = _network.InputSize;
        int outputSize = _network.OutputSize;
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, data.Count - start);
            ReadOnlySpan<float> inputs = data.Inputs.Slice(start * inputSize, batch * inputSize);
            ReadOnlySpan<float> targets = data.Targets.Slice(start * outputSize, batch * outputSize);
            Span<float> output = _output.AsSpan(0, batch * outputSize);
            _network.Forward(inputs, output, batch, training: false);
            lossSum += (double)_loss.Compute(output, targets, Span<float>.Empty, batch, _network.OutputActivation) * batch;
            if (_loss.IsClassification) correct += CountCorrect(output, targets, batch);
        }
        return new Evaluation(
            (float)(lossSum / data.Count),
            _loss.IsClassification ? (float)((double)correct / data.Count) : null);
    }

    private float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch)
    {
        int length = batch * _network.OutputSize;
        if (_output.Length < length)
        {
            _output = new float[length];
            _gradient = new float[length];
        }
        Span<float> output = _output.AsSpan(0, length);
        Span<float> gradient = _gradient.AsSpan(0, length);

        _network.ZeroGradients();
        _network.Forward(inputs, output, batch, training: true);
        float loss = _loss.Compute(output, targets, gradient, batch, _network.OutputActivation);
        // The input gradient is not needed for training a single network: an empty span skips it.
        if (_gradientTarget == LossGradientTarget.PreActivation) _network.BackwardFromPreActivation(gradient, Span<float>.Empty, batch);
        else _network.Backward(gradient, Span<float>.Empty, batch);
        _optimizer.Step(_network.Parameters, _network.Gradients);
        return loss;
    }

    /// <summary>
    /// Samples whose predicted class matches the target: the arg-max for several outputs; for a single output,
    /// the side of the decision threshold (0.5 for probabilities, 0 for logits) against target &gt; 0.5.
    /// </summary>
    private int CountCorrect(ReadOnlySpan<float> output, ReadOnlySpan<float> targets, int batch)
    {
        int size = _network.OutputSize;
        int correct = 0;
        if (size > 1)
        {
            for (int row = 0; row < batch; row++)
            {
                int predicted = TensorPrimitives.IndexOfMax(output.Slice(row * size, size));
                int expected = TensorPrimitives.IndexOfMax(targets.Slice(row * size, size));
                if (predicted == expected) correct++;
            }
            return correct;
        }
        float threshold = _network.OutputActivation == Activation.Sigmoid ? 0.5f : 0f;
        for (int row = 0; row < batch; row++)
        {
            if ((output[row] > threshold) == (targets[row] > 0.5f)) correct++;
        }
        return correct;
    }

    private void CheckDataset(Dataset data, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        if (data.InputSize != _network.InputSize)
        {
            throw new ArgumentException(
                $"The {parameterName} dataset has {data.InputSize} inputs per sample, but the network takes {_network.InputSize}.", parameterName);
        }
        if (data.TargetSize != _network.OutputSize)
        {
            throw new ArgumentException(
                $"The {parameterName} dataset has {data.TargetSize} targets per sample, but the network outputs {_network.OutputSize}.", parameterName);
        }
    }
}

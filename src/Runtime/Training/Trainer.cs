using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics.Tensors;
using DslNet.CompilerServices;

namespace DslNet;

/// <summary>
/// Trains any <see cref="INetwork"/> with a loss and an optimiser: single steps, whole runs over a
/// <see cref="Dataset"/> with seeded mini-batch shuffling, and evaluation. <see cref="TrainerOptions"/> adds
/// L1/L2 penalties, image augmentation, early stopping and gradient-health monitoring. Buffers are allocated
/// once and grow only when a larger batch arrives, so a training step allocates nothing.
/// </summary>
/// <remarks>
/// A step: augment the inputs (if set), zero the gradients, forward, loss and its gradient, backward, add the
/// penalties to the loss and gradients, stop on a NaN or infinity, let the health monitor check the gradients, update with the optimiser,
/// let the monitor measure the update.
/// </remarks>
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

    // Accuracy compares the arg-max over this many outputs: a sample's outputs, or one time step's classes.
    private readonly int _accuracyClasses;

    // Null when no penalty applies to any slice.
    private readonly WeightPenaltyPlan? _penalties;
    // The penalty of the last step, so Fit can report it apart from the data loss.
    private float _lastPenalty;

    // Augmented inputs of the current batch, [capacity, InputSize]; the augmentation draws from its own stream.
    private readonly ImageAugmentation? _augmentation;
    // Null when TrainerOptions.StopOnNonFinite is off.
    private readonly NonFiniteGuard? _nonFinite;
    // Steps over the trainer's life, and where Fit is (0 outside it), for the non-finite check's message.
    private readonly TrainingLoop _loop = new();
    private float[] _augmented = [];
    private FastRandom _augmentationRandom;

    /// <summary>
    /// Creates a trainer. The loss is checked against the network's output activation here, so a
    /// mismatch (softmax cross-entropy after a sigmoid layer, say) fails at once.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The loss does not fit the network's output activation, or an option is out of range: epochs or batch size below 1,
    /// a penalty naming a layer the network lacks, an augmentation whose image size is not the input size, early stopping
    /// on accuracy with a regression loss, or a health threshold out of range.
    /// </exception>
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
        optimizer.Bind(network.Layout);
        _network = network;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        _output = new float[options.BatchSize * network.OutputSize];
        _gradient = new float[_output.Length];
        _accuracyClasses = loss is SequenceCrossEntropyLoss sequenceLoss ? sequenceLoss.Classes : network.OutputSize;
        if (options.ClipGradientNorm is float limit) GradientClipping.CheckLimit(limit, nameof(options));

        _penalties = WeightPenaltyPlan.Create(options.Penalties ?? [], network.Layout);
        if (options.Augmentation is { } augmentation)
        {
            if (augmentation.ImageSize != network.InputSize)
            {
                throw new ArgumentException(
                    $"{nameof(TrainerOptions)}.{nameof(TrainerOptions.Augmentation)} works on images of [{augmentation.Channels}, {augmentation.Height}, {augmentation.Width}] = {augmentation.ImageSize} floats, but the network takes {network.InputSize} inputs per sample.",
                    nameof(options));
            }
            _augmentation = augmentation;
            _augmented = new float[options.BatchSize * network.InputSize];
        }
        _augmentationRandom = new FastRandom(AugmentationSeed(options.Seed));
        if (options.EarlyStopping is { Metric: EarlyStoppingMetric.ValidationAccuracy } && !loss.IsClassification)
        {
            throw new ArgumentException(
                $"{nameof(TrainerOptions)}.{nameof(TrainerOptions.EarlyStopping)} watches validation accuracy, but {loss.Name} is not a classification loss; watch {nameof(EarlyStoppingMetric.ValidationLoss)} instead.",
                nameof(options));
        }
        if (options.Health is not null) Health = new GradientHealthMonitor(network.Layout, options.Health);
        if (options.StopOnNonFinite) _nonFinite = new NonFiniteGuard(network);
    }

    /// <summary>The gradient-health monitor, when <see cref="TrainerOptions.Health"/> is set: its events so far and its thresholds.</summary>
    public GradientHealthMonitor? Health { get; }

    /// <summary>
    /// Set by DslNet.Mpi when this trainer is one replica of a run over several processes: <see cref="Fit"/> then takes this
    /// replica's share of every global batch of <see cref="TrainerOptions.BatchSize"/> × replicas samples, steps combine the
    /// gradients and loss of all replicas before anything else uses them, <see cref="Evaluate"/> evaluates this replica's
    /// share of the data and sums the figures, and early stopping follows replica 0's decision. Null for one process.
    /// </summary>
    internal IReplicaGroup? Replicas { get; set; }

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs, or fewer when <see cref="TrainerOptions.EarlyStopping"/>
    /// stops the run. Each epoch shuffles the training samples (seeded by <see cref="TrainerOptions.Seed"/>, one
    /// generator for the whole run so every epoch differs), steps once per mini-batch (augmented, when set), then
    /// evaluates <paramref name="validation"/> if given. Each epoch's report goes to <paramref name="progress"/>
    /// (called synchronously) and into the returned history, which also says why the run ended. With early stopping
    /// restoring weights, the network ends with the best epoch's parameters.
    /// </summary>
    /// <param name="training">The samples to train on, shuffled every epoch.</param>
    /// <param name="validation">Evaluated after every epoch when given; early stopping on validation figures needs it.</param>
    /// <param name="progress">Receives each <see cref="EpochReport"/> as the epoch ends, on the training thread.</param>
    /// <param name="batchProgress">
    /// Receives a <see cref="BatchReport"/> after every mini-batch, on the training thread: what a console progress
    /// bar needs. Null (the default) costs nothing.
    /// </param>
    /// <exception cref="ArgumentException">A dataset's input or target size does not match the network, or early stopping watches validation figures and there is no validation data.</exception>
    /// <exception cref="TrainingDivergedException">
    /// A NaN or infinity in the loss, gradients or parameters (unless <see cref="TrainerOptions.StopOnNonFinite"/> is off), or a health flag
    /// whose action is <see cref="HealthAction.Stop"/>; the parameters hold the last good values and the message names the
    /// epoch, batch and tensor.
    /// </exception>
    public TrainingHistory Fit(Dataset training, Dataset? validation = null, IProgress<EpochReport>? progress = null, IProgress<BatchReport>? batchProgress = null)
    {
        CheckDataset(training, nameof(training));
        if (validation is not null) CheckDataset(validation, nameof(validation));
        var stopping = _options.EarlyStopping;
        if (stopping is not null && stopping.Metric != EarlyStoppingMetric.TrainingLoss && validation is null)
        {
            throw new ArgumentException($"Early stopping watches the {stopping.MetricName}, but Fit got no validation data.", nameof(validation));
        }
        var stoppingState = stopping is null ? null : new EarlyStoppingState(stopping, _network.ParameterCount);
        // Each Fit replays the same augmentation stream, as it replays the same shuffles.
        _augmentationRandom = new FastRandom(AugmentationSeed(_options.Seed, Replicas?.Rank ?? 0));
        var batches = new ShuffledBatches(training, _options.BatchSize, new FastRandom(_options.Seed), withTargets: true, Replicas?.Rank ?? 0, Replicas?.Size ?? 1);
        bool stoppedEarly = false;
        var reports = _loop.Run(batches, _options.Epochs, epoch =>
        {
            if (Health is not null) Health.Epoch = epoch;
            double lossSum = 0, penaltySum = 0;
            long correct = 0, counted = 0;
            _loop.EachBatch(batch =>
            {
                if (Health is not null) Health.Batch = batch.Number;
                // Weighted by the batch size, so a short last batch counts for what it holds.
                float batchLoss = Step(batch.Inputs, batch.Targets, batch.Size, batch.Lengths);
                lossSum += (double)batchLoss * batch.GlobalSize;
                penaltySum += (double)_lastPenalty * batch.GlobalSize;
                if (_loss.IsClassification && batch.Size > 0) Count(CountCorrect(_output.AsSpan(0, batch.Size * _network.OutputSize), batch.Targets, batch.Size), ref correct, ref counted);
                batchProgress?.Report(new BatchReport(epoch, _options.Epochs, batch.Number, batches.BatchCount, batchLoss, (float)(lossSum / batch.Seen)));
            });

            // Each replica counted its own share of the samples; the loss is already the global batches'.
            if (Replicas is not null) SumOverReplicas(ref correct, ref counted);
            Evaluation? validated = validation is null ? null : Evaluate(validation);
            return new EpochReport(
                epoch,
                _options.Epochs,
                (float)(lossSum / batches.Count),
                _loss.IsClassification ? (float)((double)correct / Math.Max(counted, 1)) : null,
                validated?.Loss,
                validated?.Accuracy,
                _loop.EpochElapsed)
            {
                TrainingPenalty = (float)(penaltySum / batches.Count),
                Health = Health?.Summarize(epoch),
            };
        }, progress, report =>
        {
            stoppedEarly = stoppingState is not null && stoppingState.Update(report, _network.Parameters);
            // Decided once for all replicas: they must stop after the same epoch or their next all-reduce waits forever.
            if (Replicas is not null && stoppingState is not null) stoppedEarly = Replicas.Agree(stoppedEarly);
            return stoppedEarly;
        });
        if (Health is not null) (Health.Epoch, Health.Batch) = (0, 0);
        var reason = stoppedEarly ? StopReason.EarlyStopping : StopReason.EpochsCompleted;

        if (stopping is null || stoppingState is null)
        {
            return new TrainingHistory(reports, reason, $"Ran all {reports.Count} epochs.", bestEpoch: null, restoredBestWeights: false);
        }
        int best = stoppingState.BestEpoch;
        // The last epoch's weights are already in place when it was the best.
        bool restored = best != reports.Count && stoppingState.Restore(_network.Parameters);
        string bestText = best == 0
            ? $"no epoch had a usable {stopping.MetricName}"
            : $"the best {stopping.MetricName}, {stoppingState.Best:G4}, was at epoch {best}";
        string weightsText = restored ? $"the network holds epoch {best}'s weights again" : "the network keeps the last epoch's weights";
        string message = reason == StopReason.EarlyStopping
            ? $"Stopped early after epoch {reports.Count} of {_options.Epochs}: the {stopping.MetricName} did not improve by more than {stopping.MinDelta:G3} for {stopping.Patience} epoch{(stopping.Patience == 1 ? "" : "s")}; {bestText}, and {weightsText}."
            : $"Ran all {reports.Count} epochs; {bestText}, and {weightsText}.";
        return new TrainingHistory(reports, reason, message, best == 0 ? null : best, restored);
    }

    /// <summary>
    /// One training step on a batch: augments the inputs (when <see cref="TrainerOptions.Augmentation"/> is set),
    /// zeroes the gradients, runs a training forward pass, computes the loss and its gradient, back-propagates it,
    /// adds the penalties and lets the optimiser update the parameters, with the health monitor watching.
    /// </summary>
    /// <param name="inputs">[batch, InputSize] row-major.</param>
    /// <param name="targets">[batch, OutputSize] row-major.</param>
    /// <param name="batch">The number of samples.</param>
    /// <returns>The mean loss of the batch plus the penalties, before the update.</returns>
    /// <exception cref="ArgumentException">The batch is not positive or a length does not fit it; the message names the expected and actual sizes.</exception>
    /// <exception cref="TrainingDivergedException">
    /// A NaN or infinity in the loss, gradients or parameters (unless <see cref="TrainerOptions.StopOnNonFinite"/> is off), or a health flag
    /// whose action is <see cref="HealthAction.Stop"/>; the parameters hold the last good values.
    /// </exception>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch) =>
        TrainStep(inputs, targets, batch, ReadOnlySpan<int>.Empty);

    /// <summary>
    /// As <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>, for a sequence network, with each
    /// sequence's own length (<see cref="ISequenceNetwork.Forward(ReadOnlySpan{float}, Span{float}, int, ReadOnlySpan{int}, bool)"/>);
    /// empty lengths mean every sequence is full.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths are given but the network is not a sequence network, or a length does not fit (the message says which).</exception>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch, ReadOnlySpan<int> lengths)
    {
        if (!lengths.IsEmpty && _network is not ISequenceNetwork)
        {
            throw new ArgumentException("Sequence lengths need a network over sequences ([SequenceInput]).", nameof(lengths));
        }
        NetworkArguments.CheckBatch(batch, nameof(Trainer));
        NetworkArguments.CheckLength(inputs.Length, batch, _network.InputSize, nameof(inputs), nameof(Trainer));
        NetworkArguments.CheckLength(targets.Length, batch, _network.OutputSize, nameof(targets), nameof(Trainer));
        // Steps outside Fit carry epoch 0 in health events, even after a Fit that ended in an exception.
        if (Health is not null) (Health.Epoch, Health.Batch) = (0, 0);
        return Step(inputs, targets, batch, lengths);
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
        long correct = 0, counted = 0;
        // Over several replicas each evaluates its own contiguous share of the samples, and the sums are combined below.
        var (first, count) = Replicas is null ? (0, data.Count) : ReplicaShare.Of(data.Count, Replicas.Rank, Replicas.Size);
        for (int start = first; start < first + count; start += _options.BatchSize)
        {
            int batch = Math.Min(_options.BatchSize, first + count - start);
            ReadOnlySpan<float> inputs = data.Inputs.Slice(start * inputSize, batch * inputSize);
            ReadOnlySpan<float> targets = data.Targets.Slice(start * outputSize, batch * outputSize);
            ReadOnlySpan<int> lengths = data.HasLengths ? data.Lengths.Slice(start, batch) : ReadOnlySpan<int>.Empty;
            if (_output.Length < batch * outputSize)
            {
                _output = new float[batch * outputSize];
                _gradient = new float[batch * outputSize];
            }
            Span<float> output = _output.AsSpan(0, batch * outputSize);
            Forward(inputs, output, batch, lengths, training: false);
            lossSum += (double)_loss.Compute(output, targets, Span<float>.Empty, batch, _network.OutputActivation) * batch;
            if (_loss.IsClassification) Count(CountCorrect(output, targets, batch), ref correct, ref counted);
        }
        if (Replicas is not null)
        {
            Span<double> sums = [lossSum, correct, counted];
            Replicas.Sum(sums);
            (lossSum, correct, counted) = (sums[0], (long)sums[1], (long)sums[2]);
        }
        return new Evaluation(
            (float)(lossSum / data.Count),
            _loss.IsClassification ? (float)((double)correct / Math.Max(counted, 1)) : null);
    }

    private float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batch, ReadOnlySpan<int> lengths)
    {
        int length = batch * _network.OutputSize;
        if (_output.Length < length)
        {
            _output = new float[length];
            _gradient = new float[length];
        }
        Span<float> output = _output.AsSpan(0, length);
        Span<float> gradient = _gradient.AsSpan(0, length);
        if (_augmentation is not null && batch > 0)
        {
            int inputLength = batch * _network.InputSize;
            if (_augmented.Length < inputLength) _augmented = new float[inputLength];
            Span<float> augmented = _augmented.AsSpan(0, inputLength);
            _augmentation.Apply(inputs, augmented, batch, _augmentationRandom);
            inputs = augmented;
        }

        _network.ZeroGradients();
        float loss = 0f;
        int weight = Replicas is null ? 1 : LossWeight(targets, batch);
        // A replica's share of a short last batch may be empty: it then adds zero gradients to the others'.
        if (batch > 0)
        {
            Forward(inputs, output, batch, lengths, training: true);
            loss = _loss.Compute(output, targets, gradient, batch, _network.OutputActivation);
        }
        Replicas?.BeginBackward(_network, weight);
        if (batch > 0)
        {
            // The input gradient is not needed for training a single network: an empty span skips it.
            if (_gradientTarget == LossGradientTarget.PreActivation) _network.BackwardFromPreActivation(gradient, Span<float>.Empty, batch);
            else _network.Backward(gradient, Span<float>.Empty, batch);
        }
        // Everything after this sees the global batch's loss and gradients, the same on every replica.
        if (Replicas is not null) loss = Replicas.CombineGradients(_network, loss, weight);
        // Penalties go in after back-propagation, on the parameters the loss was computed with.
        _lastPenalty = _penalties?.Apply(_network.Parameters, _network.Gradients) ?? 0f;
        loss += _lastPenalty;
        long step = _loop.CountStep();
        if (_nonFinite is not null) NonFiniteGuard.Check(loss, step, _loop.Epoch, _loop.Batch, Health, [_nonFinite]);
        Health?.ObserveGradients(loss, _network.Parameters, _network.Gradients);
        if (_options.ClipGradientNorm is float limit) GradientClipping.ClipByGlobalNorm(_network.Gradients, limit);
        _optimizer.Step(_network.Parameters, _network.Gradients);
        Health?.ObserveUpdate(_network.Parameters);
        return loss;
    }

    private void Forward(ReadOnlySpan<float> inputs, Span<float> output, int batch, ReadOnlySpan<int> lengths, bool training)
    {
        if (!lengths.IsEmpty) ((ISequenceNetwork)_network).Forward(inputs, output, batch, lengths, training);
        else _network.Forward(inputs, output, batch, training);
    }

    private static void Count((int Correct, int Counted) batch, ref long correct, ref long counted)
    {
        correct += batch.Correct;
        counted += batch.Counted;
    }

    // What the loss averaged over: the samples, or for a sequence loss the time steps that have a target, so that replicas
    // weighting their means by it get the mean one process computes over the whole batch.
    private int LossWeight(ReadOnlySpan<float> targets, int batch)
    {
        if (_loss is not SequenceCrossEntropyLoss sequence || batch == 0) return batch;
        int steps = 0;
        for (int row = 0; row < targets.Length / sequence.Classes; row++)
        {
            if (TensorPrimitives.MaxMagnitude(targets.Slice(row * sequence.Classes, sequence.Classes)) != 0f) steps++;
        }
        return steps;
    }

    private void SumOverReplicas(ref long correct, ref long counted)
    {
        Span<double> sums = [correct, counted];
        Replicas!.Sum(sums);
        (correct, counted) = ((long)sums[0], (long)sums[1]);
    }

    // Its own stream, apart from the shuffle's, so turning augmentation on does not change the batch order; each replica
    // of a distributed run draws its own, so its share of the batch is not transformed like another replica's.
    private static long AugmentationSeed(int seed, int replica = 0) => (seed ^ 0x5DEECE66DL) + replica * 0x632BE59BD9B4E019L;

    /// <summary>
    /// Predictions that match the target, and how many were compared: per sample, or per time step with a target
    /// for a <see cref="SequenceCrossEntropyLoss"/> (padding steps have an all-zero target and are skipped). The
    /// arg-max for several outputs; for a single output, the side of the decision threshold (0.5 for probabilities,
    /// 0 for logits) against target &gt; 0.5.
    /// </summary>
    private (int Correct, int Counted) CountCorrect(ReadOnlySpan<float> output, ReadOnlySpan<float> targets, int batch)
    {
        int size = _accuracyClasses;
        int correct = 0, counted = 0;
        if (size > 1)
        {
            for (int row = 0; row < output.Length / size; row++)
            {
                var target = targets.Slice(row * size, size);
                if (size != _network.OutputSize && TensorPrimitives.MaxMagnitude(target) == 0f) continue;
                counted++;
                if (TensorPrimitives.IndexOfMax(output.Slice(row * size, size)) == TensorPrimitives.IndexOfMax(target)) correct++;
            }
            return (correct, counted);
        }
        float threshold = _network.OutputActivation == Activation.Sigmoid ? 0.5f : 0f;
        for (int row = 0; row < batch; row++)
        {
            if ((output[row] > threshold) == (targets[row] > 0.5f)) correct++;
        }
        return (correct, batch);
    }

    private void CheckDataset(Dataset data, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        if (data.InputSize != _network.InputSize)
        {
            throw new ArgumentException(
                $"The {parameterName} dataset has {data.InputSize} inputs per sample, but the network takes {_network.InputSize}.", parameterName);
        }
        if (data.HasLengths && _network is not ISequenceNetwork)
        {
            throw new ArgumentException($"The {parameterName} dataset carries sequence lengths, but the network does not take sequences ([SequenceInput]).", parameterName);
        }
        if (data.TargetSize != _network.OutputSize)
        {
            throw new ArgumentException(
                $"The {parameterName} dataset has {data.TargetSize} targets per sample, but the network outputs {_network.OutputSize}.", parameterName);
        }
    }
}

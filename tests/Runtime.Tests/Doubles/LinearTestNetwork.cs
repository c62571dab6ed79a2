using System;
using System.Numerics.Tensors;
using DslNet.CompilerServices;

namespace DslNet.Tests;

/// <summary>
/// A hand-written stand-in for a generated network: one dense layer <c>y = act(x·W + b)</c> with W stored
/// [in, out] and b [out], forward and backward written out plainly. Allocates nothing once its buffers
/// have grown to the largest batch seen.
/// </summary>
public sealed class LinearTestNetwork : INetwork
{
    private const string Name = nameof(LinearTestNetwork);

    private readonly float[] _parameters;
    private readonly float[] _gradients;

    // What backward needs from the last training forward: inputs [batch, in], pre-activations and outputs [batch, out].
    private float[] _input = [];
    private float[] _preActivation = [];
    private float[] _activated = [];
    private float[] _delta = [];
    private int _forwardBatch = -1;

    public LinearTestNetwork(int inputSize, int outputSize, Activation outputActivation, int seed = 1)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        OutputActivation = outputActivation;
        ParameterCount = inputSize * outputSize + outputSize;
        _parameters = new float[ParameterCount];
        _gradients = new float[ParameterCount];
        Layout = new ParameterLayout(
            new ParameterSlice("dense", "weight", ParameterKind.Weight, 0, [inputSize, outputSize]),
            new ParameterSlice("dense", "bias", ParameterKind.Bias, inputSize * outputSize, [outputSize]));
        InitializeParameters(seed);
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public int ParameterCount { get; }

    public Activation OutputActivation { get; }

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public ParameterLayout Layout { get; }

    /// <summary>W as [in, out].</summary>
    public Span<float> Weights => _parameters.AsSpan(0, InputSize * OutputSize);

    /// <summary>b as [out].</summary>
    public Span<float> Bias => _parameters.AsSpan(InputSize * OutputSize, OutputSize);

    public void InitializeParameters(int seed)
    {
        WeightInitializer.GlorotUniform(Weights, InputSize, OutputSize, new FastRandom(seed));
        Bias.Clear();
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false)
    {
        NetworkArguments.CheckBatch(batch, Name);
        NetworkArguments.CheckLength(input.Length, batch, InputSize, nameof(input), Name);
        NetworkArguments.CheckLength(output.Length, batch, OutputSize, nameof(output), Name);
        Span<float> z = output;
        if (training)
        {
            Grow(batch);
            input.CopyTo(_input);
            z = _preActivation.AsSpan(0, batch * OutputSize);
        }
        ReadOnlySpan<float> weights = Weights;
        for (int row = 0; row < batch; row++)
        {
            Span<float> zRow = z.Slice(row * OutputSize, OutputSize);
            Bias.CopyTo(zRow);
            for (int i = 0; i < InputSize; i++)
            {
                // z[row, :] += x[row, i] · W[i, :]
                TensorPrimitives.MultiplyAdd(weights.Slice(i * OutputSize, OutputSize), input[row * InputSize + i], zRow, zRow);
            }
        }
        for (int row = 0; row < batch; row++)
        {
            Activate(z.Slice(row * OutputSize, OutputSize), output.Slice(row * OutputSize, OutputSize));
        }
        if (training)
        {
            output.CopyTo(_activated);
            _forwardBatch = batch;
        }
    }

    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch)
    {
        NetworkArguments.CheckBackwardBatch(batch, _forwardBatch, Name);
        NetworkArguments.CheckLength(outputGradient.Length, batch, OutputSize, nameof(outputGradient), Name);
        NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), Name);
        for (int row = 0; row < batch; row++)
        {
            int offset = row * OutputSize;
            ReadOnlySpan<float> dy = outputGradient.Slice(offset, OutputSize);
            ReadOnlySpan<float> y = _activated.AsSpan(offset, OutputSize);
            ReadOnlySpan<float> z = _preActivation.AsSpan(offset, OutputSize);
            Span<float> dz = _delta.AsSpan(offset, OutputSize);
            switch (OutputActivation)
            {
                case Activation.Linear:
                    dy.CopyTo(dz);
                    break;
                case Activation.ReLU:
                    for (int j = 0; j < OutputSize; j++) dz[j] = z[j] > 0 ? dy[j] : 0;
                    break;
                case Activation.Sigmoid:
                    for (int j = 0; j < OutputSize; j++) dz[j] = dy[j] * y[j] * (1 - y[j]);
                    break;
                case Activation.Tanh:
                    for (int j = 0; j < OutputSize; j++) dz[j] = dy[j] * (1 - y[j] * y[j]);
                    break;
                case Activation.Softmax:
                    // dz_j = y_j (dy_j − Σ_k dy_k y_k)
                    float dot = TensorPrimitives.Dot(dy, y);
                    for (int j = 0; j < OutputSize; j++) dz[j] = y[j] * (dy[j] - dot);
                    break;
                default:
                    throw new InvalidOperationException($"{Name}: unknown activation {OutputActivation}.");
            }
        }
        Accumulate(_delta.AsSpan(0, batch * OutputSize), inputGradient, batch);
    }

    public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch)
    {
        NetworkArguments.CheckBackwardBatch(batch, _forwardBatch, Name);
        NetworkArguments.CheckLength(preActivationGradient.Length, batch, OutputSize, nameof(preActivationGradient), Name);
        NetworkArguments.CheckOptionalLength(inputGradient.Length, batch, InputSize, nameof(inputGradient), Name);
        Accumulate(preActivationGradient, inputGradient, batch);
    }

    public void ZeroGradients() => _gradients.AsSpan().Clear();

    private void Activate(ReadOnlySpan<float> z, Span<float> y)
    {
        switch (OutputActivation)
        {
            case Activation.Linear: z.CopyTo(y); break;
            case Activation.ReLU: TensorPrimitives.Max(z, 0f, y); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, y); break;
            case Activation.Tanh: TensorPrimitives.Tanh(z, y); break;
            case Activation.Softmax:
                // Shifted by the max: TensorPrimitives.SoftMax overflows for large logits.
                TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), y);
                TensorPrimitives.Exp(y, y);
                TensorPrimitives.Divide(y, TensorPrimitives.Sum(y), y);
                break;
            default: throw new InvalidOperationException($"{Name}: unknown activation {OutputActivation}.");
        }
    }

    // dW += xᵀ·dz, db += Σ_rows dz, dx = dz·Wᵀ.
    private void Accumulate(ReadOnlySpan<float> dz, Span<float> inputGradient, int batch)
    {
        Span<float> weightGradient = _gradients.AsSpan(0, InputSize * OutputSize);
        Span<float> biasGradient = _gradients.AsSpan(InputSize * OutputSize, OutputSize);
        ReadOnlySpan<float> weights = Weights;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> dzRow = dz.Slice(row * OutputSize, OutputSize);
            for (int i = 0; i < InputSize; i++)
            {
                Span<float> gRow = weightGradient.Slice(i * OutputSize, OutputSize);
                TensorPrimitives.MultiplyAdd(dzRow, _input[row * InputSize + i], gRow, gRow);
                if (!inputGradient.IsEmpty)
                {
                    inputGradient[row * InputSize + i] = TensorPrimitives.Dot(weights.Slice(i * OutputSize, OutputSize), dzRow);
                }
            }
            TensorPrimitives.Add(biasGradient, dzRow, biasGradient);
        }
    }

    private void Grow(int batch)
    {
        if (_input.Length >= batch * InputSize) return;
        _input = new float[batch * InputSize];
        _preActivation = new float[batch * OutputSize];
        _activated = new float[batch * OutputSize];
        _delta = new float[batch * OutputSize];
    }
}

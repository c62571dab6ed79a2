using System;
using DslNet;

namespace DslNet.Mpi.TestDriver;

/// <summary>Softmax cross-entropy whose <c>atCall</c>-th computation passes its loss through <c>fault</c>: how the driver makes one rank fail mid-run.</summary>
internal sealed class FaultyLoss(int atCall, Func<float, float> fault) : ILoss
{
    private readonly SoftmaxCrossEntropyLoss _loss = new();
    private int _calls;

    public string Name => _loss.Name;

    public bool IsClassification => _loss.IsClassification;

    public LossGradientTarget GradientTarget(Activation outputActivation) => _loss.GradientTarget(outputActivation);

    public float Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> target, Span<float> gradient, int batch, Activation outputActivation)
    {
        float loss = _loss.Compute(output, target, gradient, batch, outputActivation);
        return ++_calls == atCall ? fault(loss) : loss;
    }
}

using System;

namespace DslNet.Tests;

/// <summary>The tiny network the gradient-free optimisers train on XOR: 2 → 4 tanh → 1 sigmoid, 17 parameters.</summary>
[DslNet.Network]
[DslNet.Input(2)]
[DslNet.Dense(4, Activation = DslNet.Activation.Tanh)]
[DslNet.Dense(1, Activation = DslNet.Activation.Sigmoid)]
public partial class GradientFreeXor
{
    private static readonly float[] s_inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] s_targets = [0, 1, 1, 0];
    private readonly float[] _outputs = new float[4];

    /// <summary>The mean squared error over the four XOR patterns with <paramref name="parameters"/> loaded into the network.</summary>
    public double XorLoss(ReadOnlySpan<float> parameters)
    {
        parameters.CopyTo(Parameters);
        Forward(s_inputs, _outputs, batch: 4);
        double sum = 0;
        for (int i = 0; i < 4; i++) sum += (_outputs[i] - s_targets[i]) * (double)(_outputs[i] - s_targets[i]);
        return sum / 4;
    }

    /// <summary>True if every output is on the right side of 0.5 with the current parameters.</summary>
    public bool SolvesXor(out float[] outputs)
    {
        outputs = new float[4];
        Forward(s_inputs, outputs, batch: 4);
        for (int i = 0; i < 4; i++)
        {
            if ((outputs[i] > 0.5f) != (s_targets[i] > 0.5f)) return false;
        }
        return true;
    }
}

using System;
using System.Collections.Generic;

namespace DslNet.EndToEnd.Tests;

/// <summary>A generated network for the theories, with the activations its declaration lists.</summary>
public sealed record NetworkCase(string Name, Func<INetwork> Create, Activation[] Activations)
{
    public override string ToString() => Name;

    public static IEnumerable<object[]> All() => new[]
    {
        new object[] { new NetworkCase(nameof(TinyLinear), () => new TinyLinear(seed: 1), [Activation.ReLU, Activation.Linear]) },
        new object[] { new NetworkCase(nameof(WideSigmoid), () => new WideSigmoid(seed: 2), [Activation.Tanh, Activation.Sigmoid]) },
        new object[] { new NetworkCase(nameof(DeepSoftmax), () => new DeepSoftmax(seed: 3), [Activation.ReLU, Activation.ReLU, Activation.Softmax]) },
        new object[] { new NetworkCase(nameof(SingleUnit), () => new SingleUnit(seed: 4), [Activation.Sigmoid]) },
        new object[] { new NetworkCase(nameof(NamedLayers), () => new NamedLayers(seed: 5), [Activation.Tanh, Activation.Softmax]) },
        new object[] { new NetworkCase("DigitsMlp", () => new Digits.DigitsMlp(seed: 6), [Activation.ReLU, Activation.ReLU, Activation.Softmax]) },
    };
}

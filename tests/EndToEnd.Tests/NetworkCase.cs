using System;
using System.Collections.Generic;
using System.Linq;
using FashionMnistSample;

namespace DslNet.EndToEnd.Tests;

/// <summary>A generated network for the theories, with its input shape and the reference layers that mirror its declaration.</summary>
public sealed record NetworkCase(string Name, Func<INetwork> Create, int[] InputShape, Func<ReferenceLayer[]> Layers, Activation OutputActivation)
{
    public override string ToString() => Name;

    internal ReferenceNetwork Reference(INetwork network) => new(network, InputShape, Layers());

    private static NetworkCase Mlp(string name, Func<INetwork> create, int inputs, params (int Units, Activation Activation)[] layers) =>
        new(name, create, [inputs], () => layers.Select(l => ReferenceLayer.Dense(l.Units, l.Activation)).ToArray(), layers[^1].Activation);

    /// <summary>Layers large enough for the column-panel products (the runtime's <c>PanelMatMul</c>, which <c>DenseLayer</c> takes for weights of 1 MiB or more).</summary>
    public static IEnumerable<object[]> Panels() => new[] { PanelProductsCase, LongPanelReductionCase }.Select(c => new object[] { c });

    private static NetworkCase PanelProductsCase =>
        Mlp(nameof(PanelProducts), () => new PanelProducts(seed: 12), 700, (1030, Activation.Tanh), (1000, Activation.Linear));

    private static NetworkCase LongPanelReductionCase =>
        Mlp(nameof(LongPanelReduction), () => new LongPanelReduction(seed: 13), 2100, (130, Activation.ReLU), (3, Activation.Softmax));

    private static NetworkCase TwoPools(string name, Func<INetwork> create, int[] inputShape) =>
        new(name, create, inputShape, () => [ReferenceLayer.MaxPool(2, 2), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten()], Activation.Linear);

    public static IEnumerable<object[]> All() => new NetworkCase[]
    {
        Mlp(nameof(TinyLinear), () => new TinyLinear(seed: 1), 5, (7, Activation.ReLU), (3, Activation.Linear)),
        Mlp(nameof(WideSigmoid), () => new WideSigmoid(seed: 2), 9, (70, Activation.Tanh), (13, Activation.Sigmoid)),
        Mlp(nameof(DeepSoftmax), () => new DeepSoftmax(seed: 3), 13, (29, Activation.ReLU), (130, Activation.ReLU), (6, Activation.Softmax)),
        Mlp(nameof(SingleUnit), () => new SingleUnit(seed: 4), 70, (1, Activation.Sigmoid)),
        Mlp(nameof(NamedLayers), () => new NamedLayers(seed: 5), 4, (12, Activation.Tanh), (3, Activation.Softmax)),
        Mlp(nameof(SlicedReductions), () => new SlicedReductions(seed: 11), 600, (130, Activation.ReLU), (520, Activation.Tanh), (3, Activation.Softmax)),
        PanelProductsCase,
        LongPanelReductionCase,
        Mlp("DigitsMlp", () => new Digits.DigitsMlp(seed: 6), 64, (64, Activation.ReLU), (32, Activation.ReLU), (10, Activation.Softmax)),
        new(nameof(SmallCnn), () => new SmallCnn(seed: 7), [1, 8, 8], () =>
            [ReferenceLayer.Conv(3, 3, activation: Activation.ReLU), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(5, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(StridedSameCnn), () => new StridedSameCnn(seed: 8), [2, 7, 9], () =>
            [ReferenceLayer.Conv(4, 3, stride: 2, same: true, activation: Activation.Tanh), ReferenceLayer.AvgPool(2, 1), ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(PaddedCnn), () => new PaddedCnn(seed: 12), [2, 6, 7], () =>
            [ReferenceLayer.Conv(4, 2, activation: Activation.Tanh, padding: 1), ReferenceLayer.Conv(3, 3, stride: 2, activation: Activation.ReLU, padding: 1),
             ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(ConvChain), () => new ConvChain(seed: 9), [3, 6, 6], () =>
            [ReferenceLayer.Conv(5, 3, same: true, activation: Activation.Sigmoid), ReferenceLayer.Conv(17, 2, activation: Activation.ReLU),
             ReferenceLayer.Flatten(), ReferenceLayer.DropoutInInference(), ReferenceLayer.Dense(2, Activation.Sigmoid)],
            Activation.Sigmoid),
        new(nameof(FashionCnn), () => new FashionCnn(seed: 10), [1, 28, 28], () =>
            [ReferenceLayer.Conv(8, 3, activation: Activation.ReLU), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Conv(16, 3, activation: Activation.ReLU),
             ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(64, Activation.ReLU), ReferenceLayer.Dense(10, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(PoolOnly), () => new PoolOnly(), [2, 6, 6], () => [ReferenceLayer.MaxPool(3, 3), ReferenceLayer.Flatten()], Activation.Linear),
        new(nameof(WidePool), () => new WidePool(), [3, 20, 22], () => [ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten()], Activation.Linear),
        TwoPools(nameof(PoolWidths17And8), () => new PoolWidths17And8(), [2, 11, 34]),
        TwoPools(nameof(PoolWidths7And3), () => new PoolWidths7And3(), [3, 9, 14]),
        TwoPools(nameof(PoolWidths12And6), () => new PoolWidths12And6(), [1, 8, 24]),
        new(nameof(GlobalPoolCnn), () => new GlobalPoolCnn(seed: 41), [2, 5, 7], () =>
            [ReferenceLayer.Conv(6, 3, same: true, activation: Activation.Tanh), ReferenceLayer.GlobalAveragePool(), ReferenceLayer.Dense(4, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(UpsampleCnn), () => new UpsampleCnn(seed: 42), [2, 3, 4], () =>
            [ReferenceLayer.Conv(3, 2, activation: Activation.Tanh), ReferenceLayer.Upsample(3), ReferenceLayer.Conv(2, 3, activation: Activation.Tanh),
             ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(TransposedCnn), () => new TransposedCnn(seed: 43), [3, 3, 4], () =>
            [ReferenceLayer.ConvTranspose(4, 3, 2, 1, Activation.ReLU), ReferenceLayer.ConvTranspose(2, 2, 1, 0, Activation.Tanh),
             ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(TransposedGaps), () => new TransposedGaps(seed: 44), [2, 3, 3], () =>
            [ReferenceLayer.ConvTranspose(3, 2, 3, 0, Activation.Sigmoid), ReferenceLayer.Flatten(), ReferenceLayer.Dense(2)],
            Activation.Linear),
        new(nameof(DirectConvWide), () => new DirectConvWide(seed: 14), [3, 9, 38], () =>
            [ReferenceLayer.Conv(5, 3, activation: Activation.ReLU), ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(DirectConvEvenKernel), () => new DirectConvEvenKernel(seed: 15), [2, 12, 13], () =>
            [ReferenceLayer.Conv(7, 4, activation: Activation.Tanh), ReferenceLayer.Conv(4, 3, same: true, activation: Activation.ReLU),
             ReferenceLayer.Flatten(), ReferenceLayer.Dense(2, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(DirectConvNarrow), () => new DirectConvNarrow(seed: 16), [1, 10, 10], () =>
            [ReferenceLayer.Conv(16, 3, activation: Activation.Tanh), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(2, Activation.Sigmoid)],
            Activation.Sigmoid),
        new(nameof(PooledConvOverlap), () => new PooledConvOverlap(seed: 20), [3, 12, 15], () =>
            [ReferenceLayer.Conv(12, 3, activation: Activation.ReLU), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(3)],
            Activation.Linear),
        new(nameof(PooledConvGroups), () => new PooledConvGroups(seed: 18), [2, 11, 12], () =>
            [ReferenceLayer.Conv(24, 2), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(2, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(PooledConvNine), () => new PooledConvNine(seed: 19), [1, 7, 7], () =>
            [ReferenceLayer.Conv(9, 3, activation: Activation.ReLU), ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten(), ReferenceLayer.Dense(4, Activation.Tanh)],
            Activation.Tanh),
        new(nameof(PoolWidth4), () => new PoolWidth4(), [2, 8, 9], () => [ReferenceLayer.MaxPool(2, 2), ReferenceLayer.Flatten()], Activation.Linear),
        // Graphs: node 0 is the input, node k the output of the k-th layer.
        new(nameof(ResidualCnn), () => new ResidualCnn(seed: 51), [2, 6, 6], () =>
            [ReferenceLayer.Conv(4, 3, same: true, activation: Activation.ReLU), ReferenceLayer.Conv(4, 3, same: true, activation: Activation.ReLU),
             ReferenceLayer.Conv(4, 3, same: true), ReferenceLayer.Add(Activation.ReLU, 1, 3), ReferenceLayer.GlobalAveragePool(),
             ReferenceLayer.Dense(3, Activation.Softmax)],
            Activation.Softmax),
        new(nameof(UNetSkip), () => new UNetSkip(seed: 52), [1, 6, 6], () =>
            [ReferenceLayer.Conv(3, 3, same: true, activation: Activation.Tanh), ReferenceLayer.MaxPool(2, 2),
             ReferenceLayer.Conv(4, 3, same: true, activation: Activation.ReLU), ReferenceLayer.Upsample(2), ReferenceLayer.Concatenate(1, 4),
             ReferenceLayer.Conv(2, 1, activation: Activation.Sigmoid), ReferenceLayer.Flatten()],
            Activation.Sigmoid),
        new(nameof(SkipMlp), () => new SkipMlp(seed: 53), [5], () =>
            [ReferenceLayer.Dense(7, Activation.Tanh), ReferenceLayer.Dense(7, Activation.ReLU), ReferenceLayer.Dense(7, Activation.Sigmoid).Reading(1),
             ReferenceLayer.Add(Activation.Linear, 1, 2, 3), ReferenceLayer.Concatenate(4, 0), ReferenceLayer.Dense(3, Activation.Softmax)],
            Activation.Softmax),
    }.Select(c => new object[] { c });
}

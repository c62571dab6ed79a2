using DslNet.Bench.Data;
using ResNetSample;

namespace DslNet.Bench.Workloads;

/// <summary>
/// W9 resnet-train: W2's step (zero gradients, forward, softmax cross-entropy, backward, SGD momentum lr 0.01 m 0.9)
/// on the ResNet sample's network (residual blocks, batch normalisation in training mode), a fixed random batch of 64
/// images; samples per second.
/// </summary>
internal static class ResNetTrainWorkload
{
    public const int Batch = 64;

    public static void Run(BenchOptions options)
    {
        var random = new FastRandom(1009);
        var inputs = RandomData.Uniform(Batch * FashionResNet.InputSize, random);
        var targets = RandomData.OneHot(Batch, FashionResNet.OutputSize, random);
        ClassifierTraining.Measure("W9", "resnet-train", new FashionResNet(seed: 1, batchCapacity: Batch), inputs, targets, Batch, threads: 1, options);
    }
}

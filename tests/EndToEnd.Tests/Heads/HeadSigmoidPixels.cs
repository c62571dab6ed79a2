using DslNet;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>A per-pixel head with a sigmoid on it, which the per-pixel softmax and class-and-box losses must refuse.</summary>
[Network]
[Input(1, 4, 4)]
[Conv2D(2, 1, Activation = Activation.Sigmoid)]
public partial class HeadSigmoidPixels { }

namespace DslNet.Tests;

/// <summary>A classifier of 1×6×6 images, given flat, so augmentation can warp its inputs.</summary>
[Network]
[Input(36)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(3, Activation = Activation.Softmax)]
public partial class DeterminismImageMlp
{
}

using DslNet;

namespace Digits;

/// <summary>8×8 digit images (64 pixels) → 10 class probabilities.</summary>
[Network]
[Input(64)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(10, Activation = Activation.Softmax)]
public partial class DigitsMlp
{
}

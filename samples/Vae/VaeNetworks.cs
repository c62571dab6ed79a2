using DslNet;

namespace VaeSample;

/// <summary>8×8 digit (64 pixels) → μ and log σ² of a 4-unit latent Gaussian (8 linear outputs).</summary>
[Network]
[Input(64)]
[Dense(128, Activation = Activation.ReLU)]
[Dense(8)]
public partial class DigitsVaeEncoder { }

/// <summary>4-unit latent → 64 pixels in (0, 1).</summary>
[Network]
[Input(4)]
[Dense(128, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.Sigmoid)]
public partial class DigitsVaeDecoder { }

/// <summary>28×28 Fashion-MNIST image (784 pixels) → μ and log σ² of a 16-unit latent Gaussian.</summary>
[Network]
[Input(784)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(32)]
public partial class FashionVaeEncoder { }

/// <summary>16-unit latent → 784 pixels in (0, 1).</summary>
[Network]
[Input(16)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(784, Activation = Activation.Sigmoid)]
public partial class FashionVaeDecoder { }

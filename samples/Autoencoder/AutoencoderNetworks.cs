using DslNet;

namespace AutoencoderSample;

/// <summary>8×8 digit (64 pixels) → 8-unit code.</summary>
[Network]
[Input(64)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(8)]
public partial class DigitsEncoder { }

/// <summary>8-unit code → 64 pixels in (0, 1).</summary>
[Network]
[Input(8)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.Sigmoid)]
public partial class DigitsDecoder { }

/// <summary>28×28 Fashion-MNIST image (784 pixels) → 32-unit code.</summary>
[Network]
[Input(784)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(32)]
public partial class FashionEncoder { }

/// <summary>32-unit code → 784 pixels in (0, 1).</summary>
[Network]
[Input(32)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(784, Activation = Activation.Sigmoid)]
public partial class FashionDecoder { }

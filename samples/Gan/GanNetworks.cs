using DslNet;

namespace GanSample;

/// <summary>16 standard normal noise values → 8×8 digit (64 pixels in (0, 1)).</summary>
[Network]
[Input(16)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(128, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.Sigmoid)]
public partial class DigitsGenerator { }

/// <summary>8×8 digit → logit of "real".</summary>
[Network]
[Input(64)]
[Dense(128, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(1)]
public partial class DigitsDiscriminator { }

/// <summary>64 noise values → 28×28 Fashion-MNIST image (784 pixels in (0, 1)).</summary>
[Network]
[Input(64)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(784, Activation = Activation.Sigmoid)]
public partial class FashionGenerator { }

/// <summary>28×28 image → logit of "real".</summary>
[Network]
[Input(784)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(1)]
public partial class FashionDiscriminator { }

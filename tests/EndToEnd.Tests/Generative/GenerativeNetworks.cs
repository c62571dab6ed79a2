using DslNet;

namespace DslNet.EndToEnd.Tests.Generative;

// Small compositions for the generative tests: 8×8 digits through an 8-unit (autoencoder) or
// 4-unit (VAE) bottleneck, and a 1-D GAN.

/// <summary>Autoencoder encoder: 64 pixels → 8-unit code.</summary>
[Network]
[Input(64)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(8)]
public partial class DigitsEncoder { }

/// <summary>Autoencoder decoder: 8-unit code → 64 pixels in (0, 1).</summary>
[Network]
[Input(8)]
[Dense(32, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.Sigmoid)]
public partial class DigitsDecoder { }

/// <summary>VAE encoder: 64 pixels → μ (4) and log σ² (4).</summary>
[Network]
[Input(64)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(8)]
public partial class DigitsVaeEncoder { }

/// <summary>VAE decoder: 4-unit latent → 64 pixels in (0, 1).</summary>
[Network]
[Input(4)]
[Dense(64, Activation = Activation.ReLU)]
[Dense(64, Activation = Activation.Sigmoid)]
public partial class DigitsVaeDecoder { }

/// <summary>GAN generator for a 1-D distribution: 4 noise values → one number.</summary>
[Network]
[Input(4)]
[Dense(32, Activation = Activation.Tanh)]
[Dense(32, Activation = Activation.Tanh)]
[Dense(1)]
public partial class ToyGenerator { }

/// <summary>GAN discriminator for a 1-D distribution: one number → logit of "real".</summary>
[Network]
[Input(1)]
[Dense(32, Activation = Activation.Tanh)]
[Dense(32, Activation = Activation.Tanh)]
[Dense(1)]
public partial class ToyDiscriminator { }

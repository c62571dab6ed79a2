using DslNet;

namespace DslNet.EndToEnd.Tests.Generative;

// A 1-D GAN for the toy-distribution test; the autoencoder and VAE tests train the samples' networks.

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

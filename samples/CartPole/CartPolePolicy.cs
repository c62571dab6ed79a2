using DslNet;

namespace CartPole;

/// <summary>The policy: the cart-pole's four state variables → 8 tanh units → probabilities of pushing left and right.</summary>
[Network]
[Input(4)]
[Dense(8, Activation = Activation.Tanh)]
[Dense(2, Activation = Activation.Softmax)]
public partial class CartPolePolicy
{
}

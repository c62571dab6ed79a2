using System;
using DslNet;

namespace CartPole;

/// <summary>
/// The classic cart-pole (Barto, Sutton and Anderson 1983) with OpenAI Gym's constants and explicit Euler
/// integration: a pole hinged on a cart that a force of ±10 N pushes left or right every 0.02 s. An episode
/// fails when the pole leaves ±12° or the cart leaves ±2.4 m.
/// </summary>
internal sealed class CartPoleEnvironment
{
    public const double Gravity = 9.8;
    public const double CartMass = 1.0;
    public const double PoleMass = 0.1;
    public const double HalfPoleLength = 0.5;
    public const double ForceMagnitude = 10.0;
    public const double TimeStep = 0.02;
    public const double AngleLimit = 12 * Math.PI / 180;
    public const double PositionLimit = 2.4;

    private const double TotalMass = CartMass + PoleMass;
    private const double PoleMassLength = PoleMass * HalfPoleLength;

    /// <summary>Cart position (m), cart velocity (m/s), pole angle from upright (rad), pole angular velocity (rad/s).</summary>
    public double X, XDot, Theta, ThetaDot;

    /// <summary>Starts an episode as Gym does: every state variable uniform in ±0.05.</summary>
    public void Reset(FastRandom random)
    {
        X = 0.1 * random.NextFloat() - 0.05;
        XDot = 0.1 * random.NextFloat() - 0.05;
        Theta = 0.1 * random.NextFloat() - 0.05;
        ThetaDot = 0.1 * random.NextFloat() - 0.05;
    }

    /// <summary>The state as the policy sees it, in Gym's order.</summary>
    public void Observe(Span<float> observation)
    {
        observation[0] = (float)X;
        observation[1] = (float)XDot;
        observation[2] = (float)Theta;
        observation[3] = (float)ThetaDot;
    }

    /// <summary>Pushes left (action 0) or right (action 1) for one time step; false once the pole has fallen or the cart has left the track.</summary>
    public bool Step(int action)
    {
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cos = Math.Cos(Theta), sin = Math.Sin(Theta);
        double temp = (force + PoleMassLength * ThetaDot * ThetaDot * sin) / TotalMass;
        double thetaAcceleration = (Gravity * sin - cos * temp) / (HalfPoleLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        double xAcceleration = temp - PoleMassLength * thetaAcceleration * cos / TotalMass;

        // Euler, in Gym's order: positions move with the old velocities.
        X += TimeStep * XDot;
        XDot += TimeStep * xAcceleration;
        Theta += TimeStep * ThetaDot;
        ThetaDot += TimeStep * thetaAcceleration;
        return Math.Abs(X) <= PositionLimit && Math.Abs(Theta) <= AngleLimit;
    }
}

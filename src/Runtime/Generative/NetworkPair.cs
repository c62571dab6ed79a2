using System;

namespace DslNet;

/// <summary>
/// The two networks a generative trainer trains, each with its own optimiser (bound here to its network's layout) and, unless
/// the trainer trains on through NaN, its own non-finite guard. A step that trained one or both networks ends here: counted,
/// checked for NaN or infinity, then the optimisers update.
/// </summary>
internal sealed class NetworkPair
{
    private readonly IOptimizer _firstOptimizer;
    private readonly IOptimizer _secondOptimizer;
    // [first, second]; null when StopOnNonFinite is off.
    private readonly NonFiniteGuard[]? _guards;

    // The roles name the networks in messages: "encoder" and "decoder", "generator" and "discriminator".
    public NetworkPair(INetwork first, string firstRole, IOptimizer firstOptimizer, INetwork second, string secondRole, IOptimizer secondOptimizer, bool stopOnNonFinite)
    {
        firstOptimizer.Bind(first.Layout);
        secondOptimizer.Bind(second.Layout);
        if (stopOnNonFinite) _guards = [new NonFiniteGuard(first, firstRole), new NonFiniteGuard(second, secondRole)];
        (First, Second, _firstOptimizer, _secondOptimizer) = (first, second, firstOptimizer, secondOptimizer);
    }

    public INetwork First { get; }

    public INetwork Second { get; }

    /// <summary>Ends a step that trained both networks: counts it, stops on a NaN or infinity in either, then updates both.</summary>
    /// <exception cref="TrainingDivergedException">The loss or a network's gradients or parameters are not finite.</exception>
    public void UpdateBoth(float loss, TrainingLoop loop)
    {
        Check(loss, loop, 0, 2);
        _firstOptimizer.Step(First.Parameters, First.Gradients);
        _secondOptimizer.Step(Second.Parameters, Second.Gradients);
    }

    /// <summary>Ends a step that trained the first network only (the second's gradients are not its objective).</summary>
    /// <exception cref="TrainingDivergedException">The loss or the first network's gradients or parameters are not finite.</exception>
    public void UpdateFirst(float loss, TrainingLoop loop)
    {
        Check(loss, loop, 0, 1);
        _firstOptimizer.Step(First.Parameters, First.Gradients);
    }

    /// <summary>Ends a step that trained the second network only.</summary>
    /// <exception cref="TrainingDivergedException">The loss or the second network's gradients or parameters are not finite.</exception>
    public void UpdateSecond(float loss, TrainingLoop loop)
    {
        Check(loss, loop, 1, 1);
        _secondOptimizer.Step(Second.Parameters, Second.Gradients);
    }

    private void Check(float loss, TrainingLoop loop, int firstGuard, int guards)
    {
        long step = loop.CountStep();
        if (_guards is not null) NonFiniteGuard.Check(loss, step, loop.Epoch, loop.Batch, null, _guards.AsSpan(firstGuard, guards));
    }
}

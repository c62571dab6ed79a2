using System;

namespace DslNet;

/// <summary>
/// What a <see cref="Trainer"/> needs to run as one replica among several processes (DslNet.Mpi's distributed trainer):
/// each replica holds the same parameters, takes its share of every global batch, and the replicas combine their gradients,
/// figures and decisions so that every one takes the same optimiser step and stops at the same point.
/// </summary>
/// <remarks>
/// The trainer calls every member at the same point of its run on every replica, so an implementation may use collective
/// operations (all-reduce, broadcast). Internal: only DslNet.Mpi implements it.
/// </remarks>
internal interface IReplicaGroup
{
    /// <summary>This replica's number, from 0.</summary>
    int Rank { get; }

    /// <summary>The number of replicas.</summary>
    int Size { get; }

    /// <summary>
    /// Called just before back-propagation with the weight <see cref="CombineGradients"/> will get, on every replica (an
    /// empty share included, so collective calls keep the same order everywhere). A group may start combining the gradients of the last layers while the earlier ones are
    /// still being back-propagated (<see cref="CompilerServices.IReportsGradientProgress"/>); it must have finished when
    /// <see cref="CombineGradients"/> returns.
    /// </summary>
    void BeginBackward(INetwork network, int weight);

    /// <summary>
    /// Called after back-propagation (before penalties, checks and the optimiser) with this replica's gradients of its mean
    /// loss, a mean over <paramref name="weight"/> terms: its samples, or for a sequence loss its time steps with a target
    /// (0, and gradients all zero, when its share was empty). Replaces them with the gradients of the mean over the whole
    /// global batch, the same on every replica, and returns that mean loss.
    /// </summary>
    float CombineGradients(INetwork network, float loss, int weight);

    /// <summary>Replaces each value by its sum over the replicas (counts and sums of an epoch or an evaluation).</summary>
    void Sum(Span<double> values);

    /// <summary>Rank 0's <paramref name="decision"/>, returned on every replica, so a decision is taken once for all.</summary>
    bool Agree(bool decision);
}

using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;

namespace DslNet.CompilerServices;

/// <summary>
/// The check every generated entry point that uses the instance's buffers makes: one instance runs one call at a time,
/// because its activations, gradients and state are fields, and two threads in it at once would overwrite each other's
/// values and return wrong outputs without an error. A call that finds the instance busy throws instead.
/// </summary>
/// <remarks>
/// Best effort: it sees calls that overlap in time. Two threads that take turns without overlapping pass, and are then
/// harmless for inference; their training forward and backward may still pair up wrongly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConcurrentUse
{
    /// <summary>Marks the instance busy, or throws if a call on another thread (or an unfinished one) holds it.</summary>
    /// <param name="busy">The instance's flag: 0 when idle, 1 during a call.</param>
    /// <param name="network">The network's class name, for the message.</param>
    /// <exception cref="InvalidOperationException">The instance is running another call.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter(ref int busy, string network)
    {
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0) ThrowBusy(network);
    }

    /// <summary>Marks the instance idle again; call it in a <c>finally</c> after a successful <see cref="Enter"/>.</summary>
    /// <param name="busy">The instance's flag.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Exit(ref int busy) => Volatile.Write(ref busy, 0);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBusy(string network) =>
        throw new InvalidOperationException(
            $"{network} is already running a call on another thread. One instance holds one call's buffers, so two threads " +
            $"at once would corrupt each other's outputs. Give each thread its own instance with CreateReplica() (it shares " +
            $"the parameters), or serve through NetworkPool<{network}>, which rents a replica per call.");
}

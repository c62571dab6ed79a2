using System;

namespace DslNet;

/// <summary>The checks the generative trainers make on their networks, optimisers and data, with messages that name both sides.</summary>
internal static class GenerativeArguments
{
    public static void CheckChain(string trainer, string from, int outputSize, string to, int inputSize)
    {
        if (outputSize != inputSize)
        {
            throw new ArgumentException($"{trainer}: the {from} outputs {outputSize} floats per sample, but the {to} takes {inputSize}.");
        }
    }

    /// <summary>Checks a trainer's two networks and their optimisers are given, and that each network has its own optimiser.</summary>
    public static void CheckPair(string trainer, INetwork first, INetwork second, IOptimizer firstOptimizer, IOptimizer secondOptimizer)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(firstOptimizer);
        ArgumentNullException.ThrowIfNull(secondOptimizer);
        // An optimiser keeps moments for one parameter vector; sharing it would mix two networks' state.
        if (ReferenceEquals(firstOptimizer, secondOptimizer))
        {
            throw new ArgumentException($"{trainer}: each network needs its own optimiser instance; the same one was passed twice.");
        }
    }

    public static void CheckInputs(string trainer, Dataset training, Dataset? validation, int inputSize)
    {
        CheckInputs(trainer, training, nameof(training), inputSize);
        if (validation is not null) CheckInputs(trainer, validation, nameof(validation), inputSize);
    }

    public static void CheckInputs(string trainer, Dataset data, string parameterName, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        if (data.InputSize != inputSize)
        {
            throw new ArgumentException($"{trainer}: the {parameterName} dataset has {data.InputSize} inputs per sample, but the network takes {inputSize}.", parameterName);
        }
    }
}

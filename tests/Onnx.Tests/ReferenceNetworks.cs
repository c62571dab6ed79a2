using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace DslNet.Onnx.Tests;

/// <summary>
/// Every network declared in the end-to-end tests' network files (linked into this project) and in ExportNetworks.cs:
/// found by reflection, so a network added there is exported here too. Parameters are the seeded initialisation plus noise, so biases, gains and
/// the LSTM's gate blocks all differ from one another and a misplaced one shows.
/// </summary>
internal static class ReferenceNetworks
{
    /// <summary>The steps of every sequence network as created; the tests also run another length.</summary>
    public const int TimeSteps = 7;

    public static IEnumerable<Type> Types => typeof(ReferenceNetworks).Assembly.GetTypes()
        .Where(t => typeof(IDescribedNetwork).IsAssignableFrom(t) && !t.IsAbstract && (t.Namespace?.StartsWith("DslNet.EndToEnd.Tests", StringComparison.Ordinal) == true || t.Namespace == "DslNet.Onnx.Tests.Networks"))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<object[]> Names => Types.Select(t => new object[] { t.Name });

    public static IDescribedNetwork Create(string name)
    {
        var type = Types.Single(t => t.Name == name);
        object network = typeof(ISequenceNetwork).IsAssignableFrom(type)
            ? Activator.CreateInstance(type, TimeSteps, 11, 4)!
            : Activator.CreateInstance(type, 11, 4)!;
        var described = (IDescribedNetwork)network;
        var random = new Random(name.Length * 7919 + 1);
        var parameters = described.Parameters;
        for (int i = 0; i < parameters.Length; i++) parameters[i] += (float)(random.NextDouble() * 0.2 - 0.1);
        return described;
    }
}

using System.Collections.Generic;

namespace DslNet.Generator.Emit;

/// <summary>
/// <c>CreateReplica</c> and the private constructor behind it: a second instance that reads the same parameter array
/// (so an optimiser's update is seen by both at once) but owns its gradients, batch buffers and dropout streams, so
/// several threads can each run forward and backward over their own rows of a batch (<c>DataParallelNetwork</c>).
/// </summary>
internal static class ReplicaMembers
{
    public static void Write(CodeWriter w, string name, bool sequence, List<LayerEmitter> layers)
    {
        w.Line("/// <summary>A network that shares these parameters (the same array) with its own gradients, buffers and dropout streams, for data-parallel training; <paramref name=\"stream\"/> tells replicas' random streams apart.</summary>");
        w.Line($"public global::DslNet.INetwork CreateReplica(int stream) => new {name}(this, stream);");
        w.Line();
        string shared = sequence ? "source._parameters, source._capacity, source._timeSteps" : "source._parameters, source._capacity";
        using (w.Block($"private {name}({name} source, int stream) : this({shared})"))
        {
            foreach (var layer in layers) layer.EmitReplicaSetup(w);
        }
        w.Line();
    }
}

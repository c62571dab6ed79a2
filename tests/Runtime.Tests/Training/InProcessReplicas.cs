using System;
using System.Threading;

namespace DslNet.Tests;

/// <summary>
/// The trainer's replica hook without MPI: replicas on threads of one process, each sum taken over the replicas' values in
/// rank order (so every replica gets the same bits), as DslNet.Mpi's all-reduce does across processes.
/// </summary>
internal sealed class InProcessReplicas
{
    private readonly Barrier _barrier;
    private readonly double[][] _slots;

    public InProcessReplicas(int size)
    {
        _barrier = new Barrier(size);
        _slots = new double[size][];
    }

    public IReplicaGroup For(int rank) => new Replica(this, rank);

    // Every replica posts its values, then reads all of them in rank order; the second barrier keeps the next sum's
    // posts from overwriting values another replica has not read yet.
    private void Sum(int rank, Span<double> values)
    {
        _slots[rank] = values.ToArray();
        _barrier.SignalAndWait();
        for (int i = 0; i < values.Length; i++)
        {
            double sum = 0;
            foreach (var slot in _slots) sum += slot[i];
            values[i] = sum;
        }
        _barrier.SignalAndWait();
    }

    private void SumFloats(int rank, Span<float> values)
    {
        _slots[rank] = Array.ConvertAll(values.ToArray(), v => (double)v);
        _barrier.SignalAndWait();
        for (int i = 0; i < values.Length; i++)
        {
            // Added in float, as MPI_SUM on MPI_FLOAT does.
            float sum = 0;
            foreach (var slot in _slots) sum += (float)slot[i];
            values[i] = sum;
        }
        _barrier.SignalAndWait();
    }

    private sealed class Replica(InProcessReplicas group, int rank) : IReplicaGroup
    {
        public int Rank => rank;

        public int Size => group._slots.Length;

        public void BeginBackward(INetwork network, int weight)
        {
        }

        public float CombineGradients(INetwork network, float loss, int weight)
        {
            Span<double> lossAndWeight = [(double)loss * weight, weight];
            group.Sum(rank, lossAndWeight);
            Span<float> gradients = network.Gradients;
            float share = lossAndWeight[1] > 0 ? (float)(weight / lossAndWeight[1]) : 0f;
            for (int i = 0; i < gradients.Length; i++) gradients[i] *= share;
            group.SumFloats(rank, gradients);
            return lossAndWeight[1] > 0 ? (float)(lossAndWeight[0] / lossAndWeight[1]) : 0f;
        }

        public void Sum(Span<double> values) => group.Sum(rank, values);

        public bool Agree(bool decision)
        {
            Span<double> value = [rank == 0 && decision ? 1 : 0];
            group.Sum(rank, value);
            return value[0] != 0;
        }
    }
}

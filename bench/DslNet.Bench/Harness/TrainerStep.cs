namespace DslNet.Bench.Harness;

/// <summary>One <see cref="Trainer.TrainStep(System.ReadOnlySpan{float}, System.ReadOnlySpan{float}, int)"/> on a fixed batch; a data-parallel network's workers count in its allocations.</summary>
internal readonly struct TrainerStep(Trainer trainer, float[] inputs, float[] targets, int batch, DataParallelNetwork? parallel = null) : IBenchStep
{
    public void Run() => trainer.TrainStep(inputs, targets, batch);

    public long OtherThreadsAllocatedBytes => parallel?.WorkerAllocatedBytes ?? 0;
}

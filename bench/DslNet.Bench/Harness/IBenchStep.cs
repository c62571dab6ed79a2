namespace DslNet.Bench.Harness;

/// <summary>
/// One timed operation (a training step, a forward pass). Implemented by structs so that
/// <see cref="Measurement.Run{TStep}"/> is specialised per step and the call costs nothing.
/// </summary>
internal interface IBenchStep
{
    void Run();

    /// <summary>Bytes allocated so far on threads other than the caller's (a data-parallel step's workers); 0 for one thread.</summary>
    long OtherThreadsAllocatedBytes => 0;
}

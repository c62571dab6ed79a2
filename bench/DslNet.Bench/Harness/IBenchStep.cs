namespace DslNet.Bench.Harness;

/// <summary>
/// One timed operation (a training step, a forward pass). Implemented by structs so that
/// <see cref="Measurement.Run{TStep}"/> is specialised per step and the call costs nothing.
/// </summary>
internal interface IBenchStep
{
    void Run();
}

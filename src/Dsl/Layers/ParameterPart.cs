namespace DslNet.Model;

/// <summary>
/// One named slice of a layer's parameters: <c>weight [784, 128]</c>. Shape inference lists them once; the parameter
/// count, the offsets, the generated layout table and the emitters all read that list.
/// </summary>
internal sealed record ParameterPart(string Name, bool IsBias, EquatableArray<int> Shape, bool IsState = false)
{
    public long Length
    {
        get
        {
            long length = 1;
            foreach (int d in Shape) length *= d;
            return length;
        }
    }

    public static ParameterPart Weight(string name, params int[] shape) => new(name, false, shape.ToEquatableArray());

    /// <summary>A slice that weight decay leaves alone: a bias, or a normalisation's gain.</summary>
    public static ParameterPart Bias(string name, params int[] shape) => new(name, true, shape.ToEquatableArray());

    /// <summary>
    /// State kept in the parameter vector but not trained (batch normalisation's running statistics): no gradient,
    /// skipped by optimisers, penalties and weight decay, saved by checkpoints.
    /// </summary>
    public static ParameterPart State(string name, params int[] shape) => new(name, false, shape.ToEquatableArray(), IsState: true);
}

using DslNet.Model;

namespace DslNet.Generator.Emit;

/// <summary>The identifiers generated code uses for one layer, all derived from its name (<c>dense1</c>).</summary>
internal readonly struct LayerNames
{
    public LayerNames(LayerSpec layer)
    {
        Name = layer.Name;
        Pascal = char.ToUpperInvariant(Name[0]) + Name.Substring(1);
        string camel = char.ToLowerInvariant(Name[0]) + Name.Substring(1);
        Output = "_" + camel + "Output";
        Gradient = "_" + camel + "Gradient";
        WeightTransposed = "_" + camel + "WeightTransposed";
        WeightOffset = Pascal + "WeightOffset";
        BiasOffset = Pascal + "BiasOffset";
    }

    /// <summary>The layer name as declared or defaulted: <c>dense1</c>.</summary>
    public string Name { get; }

    /// <summary><c>Dense1</c>: the prefix of the layer's methods.</summary>
    public string Pascal { get; }

    /// <summary>The activation buffer [capacity, units].</summary>
    public string Output { get; }

    /// <summary>The gradient buffer [capacity, units]: dL/dy, turned into dL/dz in place.</summary>
    public string Gradient { get; }

    /// <summary>W transposed to [units, inputs], rebuilt when the input gradient is computed.</summary>
    public string WeightTransposed { get; }

    public string WeightOffset { get; }

    public string BiasOffset { get; }

    /// <summary>The constant naming where a parameter part starts: <c>Dense1WeightOffset</c>.</summary>
    public string Offset(string part) => Pascal + char.ToUpperInvariant(part[0]) + part.Substring(1) + "Offset";

    /// <summary>A layer-private field: <c>_conv1Columns</c>.</summary>
    public string Field(string what) => "_" + char.ToLowerInvariant(Name[0]) + Name.Substring(1) + what;
}

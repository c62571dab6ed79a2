namespace DslNet;

/// <summary>Whether a parameter slice is a weight (decayed, regularised) or a bias (by default not).</summary>
public enum ParameterKind
{
    Weight,
    Bias,
}

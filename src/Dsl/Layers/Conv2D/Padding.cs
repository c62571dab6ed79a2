namespace DslNet;

/// <summary>How a convolution treats the border, as in Keras.</summary>
public enum Padding
{
    /// <summary>No padding: the output shrinks by kernel − 1 (then divides by the stride).</summary>
    Valid = 0,
    /// <summary>Zero padding so that the output is ⌈input / stride⌉; the extra row or column goes at the bottom/right.</summary>
    Same = 1,
}

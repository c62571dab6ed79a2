namespace DslNet.Model;

/// <summary>
/// <c>[Input(...)]</c> or <c>[SequenceInput(...)]</c>: the shape of one sample, or of one time step of a
/// sequence (<see cref="IsSequence"/>; no dimensions then means one token id per step), as declared.
/// </summary>
internal sealed record InputSpec(EquatableArray<int> Dimensions, SourceLocation Location, bool IsSequence = false);

namespace DslNet.Generator.Emit;

/// <summary>
/// Where a <see cref="MatMulEmitter"/> tile reads: left row r starts at
/// <c>Left[(i + r) · LeftRowStride + LeftStart]</c> and steps by <c>LeftStep</c>; the right vectors start at
/// <c>Right[RightStart]</c> (plus each vector's offset) and step by <c>RightStep</c>. The operands in place, or the
/// scratch copies of <see cref="MatMulPanels"/>, whose strides differ (the left rows' stride may be a run-time slice length).
/// </summary>
internal readonly record struct TileOperands(
    string Left, string LeftRowStride, string LeftStart, int LeftStep,
    string Right, string RightStart, int RightStep);

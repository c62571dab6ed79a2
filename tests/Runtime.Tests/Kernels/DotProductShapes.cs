using DslNet.CompilerServices;

namespace DslNet.Runtime.Tests.Kernels;

// Shapes for DotProductMatMulTests: rows and columns leaving every tile remainder (1 … 11), reductions 0 … 676 on and
// off every vector width, padded rows, accumulating or not; the first two are W2's convolutions' weight gradients.
internal struct W2FirstGradient : IDotProductShape { public static int Rows => 9; public static int Columns => 8; public static int Reduction => 676; public static int LeftRowStride => 676; public static int RightRowStride => 676; public static int ResultRowStride => 8; public static bool Accumulate => true; }
internal struct W2SecondGradient : IDotProductShape { public static int Rows => 72; public static int Columns => 16; public static int Reduction => 121; public static int LeftRowStride => 121; public static int RightRowStride => 121; public static int ResultRowStride => 16; public static bool Accumulate => true; }
internal struct Dot1x1 : IDotProductShape { public static int Rows => 1; public static int Columns => 1; public static int Reduction => 3; public static int LeftRowStride => 3; public static int RightRowStride => 3; public static int ResultRowStride => 1; }
internal struct Dot2x5Empty : IDotProductShape { public static int Rows => 2; public static int Columns => 5; public static int Reduction => 0; public static int LeftRowStride => 1; public static int RightRowStride => 1; public static int ResultRowStride => 5; public static bool Accumulate => true; }
internal struct Dot4x7 : IDotProductShape { public static int Rows => 4; public static int Columns => 7; public static int Reduction => 17; public static int LeftRowStride => 19; public static int RightRowStride => 20; public static int ResultRowStride => 9; }
internal struct Dot11x10 : IDotProductShape { public static int Rows => 11; public static int Columns => 10; public static int Reduction => 37; public static int LeftRowStride => 37; public static int RightRowStride => 37; public static int ResultRowStride => 10; public static bool Accumulate => true; }
internal struct Dot5x2Wide : IDotProductShape { public static int Rows => 5; public static int Columns => 2; public static int Reduction => 64; public static int LeftRowStride => 64; public static int RightRowStride => 70; public static int ResultRowStride => 2; }
internal struct Dot3x3Short : IDotProductShape { public static int Rows => 3; public static int Columns => 3; public static int Reduction => 15; public static int LeftRowStride => 15; public static int RightRowStride => 15; public static int ResultRowStride => 3; public static bool Accumulate => true; }

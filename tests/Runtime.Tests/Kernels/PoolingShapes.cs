using DslNet.CompilerServices;

namespace DslNet.Runtime.Tests.Kernels;

// Shapes for PoolingTests: 2×2 windows with stride 2 over output rows 3 … 16 wide (every grouping of the vector path:
// fours, eights, an overlapping last eight, two fours, and too narrow for vectors), odd input sizes whose last row and
// column no window reads, and other windows and strides (3×3 stride 2, 3×3 stride 1, 2×2 stride 1, 2×2 stride 3).
internal struct Pool2Out3 : IPoolingShape { public static int Channels => 2; public static int Height => 6; public static int Width => 7; public static int OutputHeight => 3; public static int OutputWidth => 3; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out4 : IPoolingShape { public static int Channels => 3; public static int Height => 8; public static int Width => 8; public static int OutputHeight => 4; public static int OutputWidth => 4; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out5 : IPoolingShape { public static int Channels => 20; public static int Height => 9; public static int Width => 11; public static int OutputHeight => 4; public static int OutputWidth => 5; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out8 : IPoolingShape { public static int Channels => 2; public static int Height => 4; public static int Width => 16; public static int OutputHeight => 2; public static int OutputWidth => 8; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out11 : IPoolingShape { public static int Channels => 3; public static int Height => 6; public static int Width => 23; public static int OutputHeight => 3; public static int OutputWidth => 11; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out12 : IPoolingShape { public static int Channels => 2; public static int Height => 5; public static int Width => 24; public static int OutputHeight => 2; public static int OutputWidth => 12; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out13 : IPoolingShape { public static int Channels => 8; public static int Height => 26; public static int Width => 26; public static int OutputHeight => 13; public static int OutputWidth => 13; public static int Size => 2; public static int Stride => 2; }
internal struct Pool2Out16 : IPoolingShape { public static int Channels => 1; public static int Height => 4; public static int Width => 33; public static int OutputHeight => 2; public static int OutputWidth => 16; public static int Size => 2; public static int Stride => 2; }
internal struct Pool3Stride2 : IPoolingShape { public static int Channels => 3; public static int Height => 9; public static int Width => 12; public static int OutputHeight => 4; public static int OutputWidth => 5; public static int Size => 3; public static int Stride => 2; }
internal struct Pool3Stride1 : IPoolingShape { public static int Channels => 2; public static int Height => 5; public static int Width => 7; public static int OutputHeight => 3; public static int OutputWidth => 5; public static int Size => 3; public static int Stride => 1; }
internal struct Pool2Stride1 : IPoolingShape { public static int Channels => 2; public static int Height => 4; public static int Width => 9; public static int OutputHeight => 3; public static int OutputWidth => 8; public static int Size => 2; public static int Stride => 1; }
internal struct Pool2Stride3 : IPoolingShape { public static int Channels => 2; public static int Height => 8; public static int Width => 14; public static int OutputHeight => 3; public static int OutputWidth => 5; public static int Size => 2; public static int Stride => 3; }

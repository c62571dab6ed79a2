using DslNet.CompilerServices;

namespace DslNet.Runtime.Tests.Kernels;

// Shapes for DirectConvolutionTests: W2's two convolutions, output rows on and off the vector widths (4 … 33: one to
// five vectors, the last overlapping), filter counts that leave every block remainder, kernels 1 … 5, with and without ReLU.
internal struct W2First : IConvolutionShape { public static int Channels => 1; public static int Height => 28; public static int Width => 28; public static int Filters => 8; public static int KernelSize => 3; public static bool FusedReLU => true; }
internal struct W2Second : IConvolutionShape { public static int Channels => 8; public static int Height => 13; public static int Width => 13; public static int Filters => 16; public static int KernelSize => 3; public static bool FusedReLU => true; }
internal struct Row8Filters3 : IConvolutionShape { public static int Channels => 2; public static int Height => 9; public static int Width => 10; public static int Filters => 3; public static int KernelSize => 3; }
internal struct Row9Filters13 : IConvolutionShape { public static int Channels => 3; public static int Height => 7; public static int Width => 10; public static int Filters => 13; public static int KernelSize => 2; public static bool FusedReLU => true; }
internal struct Row17Filters9 : IConvolutionShape { public static int Channels => 2; public static int Height => 6; public static int Width => 21; public static int Filters => 9; public static int KernelSize => 5; }
internal struct Row33Filters7 : IConvolutionShape { public static int Channels => 1; public static int Height => 5; public static int Width => 33; public static int Filters => 7; public static int KernelSize => 1; public static bool FusedReLU => true; }
internal struct Row26Filters24 : IConvolutionShape { public static int Channels => 2; public static int Height => 8; public static int Width => 28; public static int Filters => 24; public static int KernelSize => 3; }
internal struct Row12Filters12 : IConvolutionShape { public static int Channels => 3; public static int Height => 11; public static int Width => 15; public static int Filters => 12; public static int KernelSize => 4; public static bool FusedReLU => true; }
internal struct Row5Filters4 : IConvolutionShape { public static int Channels => 2; public static int Height => 6; public static int Width => 7; public static int Filters => 4; public static int KernelSize => 3; }

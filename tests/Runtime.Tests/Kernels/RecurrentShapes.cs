using DslNet.CompilerServices;

namespace DslNet.Runtime.Tests.Kernels;

// Unit counts for RecurrentGatesTests: 0 … 20 (every tail of every vector width) and a few wider, on and off the widths.
internal struct Units0 : IRecurrentShape { public static int Units => 0; }
internal struct Units1 : IRecurrentShape { public static int Units => 1; }
internal struct Units2 : IRecurrentShape { public static int Units => 2; }
internal struct Units3 : IRecurrentShape { public static int Units => 3; }
internal struct Units4 : IRecurrentShape { public static int Units => 4; }
internal struct Units5 : IRecurrentShape { public static int Units => 5; }
internal struct Units6 : IRecurrentShape { public static int Units => 6; }
internal struct Units7 : IRecurrentShape { public static int Units => 7; }
internal struct Units8 : IRecurrentShape { public static int Units => 8; }
internal struct Units9 : IRecurrentShape { public static int Units => 9; }
internal struct Units10 : IRecurrentShape { public static int Units => 10; }
internal struct Units11 : IRecurrentShape { public static int Units => 11; }
internal struct Units12 : IRecurrentShape { public static int Units => 12; }
internal struct Units13 : IRecurrentShape { public static int Units => 13; }
internal struct Units14 : IRecurrentShape { public static int Units => 14; }
internal struct Units15 : IRecurrentShape { public static int Units => 15; }
internal struct Units16 : IRecurrentShape { public static int Units => 16; }
internal struct Units17 : IRecurrentShape { public static int Units => 17; }
internal struct Units18 : IRecurrentShape { public static int Units => 18; }
internal struct Units19 : IRecurrentShape { public static int Units => 19; }
internal struct Units20 : IRecurrentShape { public static int Units => 20; }
internal struct Units23 : IRecurrentShape { public static int Units => 23; }
internal struct Units31 : IRecurrentShape { public static int Units => 31; }
internal struct Units33 : IRecurrentShape { public static int Units => 33; }
internal struct Units47 : IRecurrentShape { public static int Units => 47; }
internal struct Units64 : IRecurrentShape { public static int Units => 64; }
internal struct Units100 : IRecurrentShape { public static int Units => 100; }

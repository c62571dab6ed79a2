// The register tile each vector path of MatMul and PanelMatMul uses, one line per path. Chosen from the kernel
// micro-bench (DslNet.Bench --kernels), which times every tile of RegisterTiles on the workloads' product shapes on the
// machine that runs it: to tune a path for a processor, run it there and change its line.
global using Vector512Tile = DslNet.CompilerServices.RegisterTiles.Tile4x4;
global using Vector256Tile = DslNet.CompilerServices.RegisterTiles.Tile6x2;
global using Vector128Tile = DslNet.CompilerServices.RegisterTiles.Tile6x2;

using System;
using DslNet.Mpi;

using var world = MpiWorld.Initialize();
Span<float> v = [world.Rank + 1f, 10f];
world.AllReduceSum(v);
Console.WriteLine($"rank {world.Rank}/{world.Size}: {v[0]} {v[1]} {world.LibraryVersion.Split('\n')[0]}");

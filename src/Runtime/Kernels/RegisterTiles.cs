using System;
using System.ComponentModel;

namespace DslNet.CompilerServices;

/// <summary>
/// The register tiles the products offer, named rows × vectors. A tile needs rows × vectors accumulators, vectors
/// loads and one broadcast in registers: 16 of them on AVX2 (so 6 × 2 or 4 × 3 at most), 32 with AVX-512 or on ARM64.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RegisterTiles
{
    /// <summary>The tile the vector path of <paramref name="vectorBits"/> bits uses by default (set in <c>PathTiles.cs</c>), as rows and vectors.</summary>
    public static (int Rows, int Vectors) DefaultTile(int vectorBits) => vectorBits switch
    {
        512 => (Vector512Tile.Rows, Vector512Tile.Vectors),
        256 => (Vector256Tile.Rows, Vector256Tile.Vectors),
        128 => (Vector128Tile.Rows, Vector128Tile.Vectors),
        _ => throw new ArgumentOutOfRangeException(nameof(vectorBits), vectorBits, "The vector paths are 512, 256 and 128 bits wide."),
    };

    /// <summary>4 rows × 2 vectors.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile4x2 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 4;

        /// <inheritdoc/>
        public static int Vectors => 2;
    }

    /// <summary>6 rows × 2 vectors: 12 accumulators, the AVX2 register file's usual choice.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile6x2 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 6;

        /// <inheritdoc/>
        public static int Vectors => 2;
    }

    /// <summary>4 rows × 3 vectors: 12 accumulators, one load more and two broadcasts fewer per step than 6 × 2.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile4x3 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 4;

        /// <inheritdoc/>
        public static int Vectors => 3;
    }

    /// <summary>6 rows × 3 vectors: 18 accumulators.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile6x3 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 6;

        /// <inheritdoc/>
        public static int Vectors => 3;
    }

    /// <summary>4 rows × 4 vectors: 16 accumulators.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile4x4 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 4;

        /// <inheritdoc/>
        public static int Vectors => 4;
    }

    /// <summary>5 rows × 4 vectors: 20 accumulators.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile5x4 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 5;

        /// <inheritdoc/>
        public static int Vectors => 4;
    }

    /// <summary>6 rows × 4 vectors: 24 accumulators, 4 loads and a broadcast, 29 of AVX-512's 32 registers.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct Tile6x4 : IRegisterTile
    {
        /// <inheritdoc/>
        public static int Rows => 6;

        /// <inheritdoc/>
        public static int Vectors => 4;
    }
}

using System;

namespace DslNet;

/// <summary>
/// A 2-D affine map of an image onto itself, in pixel coordinates centred on the image (x to the right,
/// y down, the origin halfway between the middle pixels). Each method returns this warp followed by one more
/// operation. The warp is kept as its inverse, from an output pixel back to the source point it samples,
/// because that is what bilinear sampling needs; it is a small value type, so composing allocates nothing.
/// </summary>
public readonly struct ImageWarp : IEquatable<ImageWarp>
{
    // source = M · output + T, in centred coordinates.
    private readonly double _m00, _m01, _m10, _m11, _tx, _ty;
    private readonly bool _notIdentity;

    private ImageWarp(double m00, double m01, double m10, double m11, double tx, double ty)
    {
        _m00 = m00;
        _m01 = m01;
        _m10 = m10;
        _m11 = m11;
        _tx = tx;
        _ty = ty;
        // Stored negated so that default(ImageWarp) is the identity too.
        _notIdentity = !(m00 == 1 && m01 == 0 && m10 == 0 && m11 == 1 && tx == 0 && ty == 0);
    }

    /// <summary>The warp that changes nothing (also <c>default(ImageWarp)</c>).</summary>
    public static ImageWarp Identity => default;

    /// <summary>Whether the warp leaves every pixel where it is.</summary>
    public bool IsIdentity => !_notIdentity;

    /// <summary>Then rotates the image by <paramref name="degrees"/> about its centre, counter-clockwise as displayed (Keras' sign).</summary>
    public ImageWarp Rotate(double degrees)
    {
        double radians = degrees * (Math.PI / 180);
        // Quarter turns should move pixels exactly: cos(π/2) is 6e-17 in doubles, not 0.
        double c = Snap(Math.Cos(radians)), s = Snap(Math.Sin(radians));
        return Then(c, -s, s, c, 0, 0);
    }

    /// <summary>Then scales the image about its centre by <paramref name="factor"/> (above 1 zooms in).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not positive and finite.</exception>
    public ImageWarp Scale(double factor)
    {
        if (!(factor > 0) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "A scale factor must be positive and finite.");
        }
        return Then(1 / factor, 0, 0, 1 / factor, 0, 0);
    }

    /// <summary>Then moves the image content <paramref name="dx"/> pixels right and <paramref name="dy"/> pixels down.</summary>
    public ImageWarp Shift(double dx, double dy) => Then(1, 0, 0, 1, -dx, -dy);

    /// <summary>Then mirrors the image left to right.</summary>
    public ImageWarp FlipHorizontally() => Then(-1, 0, 0, 1, 0, 0);

    /// <summary>The source point that output point (<paramref name="x"/>, <paramref name="y"/>) samples, both in centred coordinates.</summary>
    public (double X, double Y) SourceOf(double x, double y)
    {
        if (!_notIdentity) return (x, y);
        return (_m00 * x + _m01 * y + _tx, _m10 * x + _m11 * y + _ty);
    }

    /// <inheritdoc />
    public bool Equals(ImageWarp other) =>
        Matrix() == other.Matrix();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImageWarp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Matrix().GetHashCode();

    /// <summary>Whether two warps are the same map.</summary>
    public static bool operator ==(ImageWarp left, ImageWarp right) => left.Equals(right);

    /// <summary>Whether two warps differ.</summary>
    public static bool operator !=(ImageWarp left, ImageWarp right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString()
    {
        var (m00, m01, m10, m11, tx, ty) = Matrix();
        return $"source = [{m00:G4} {m01:G4}; {m10:G4} {m11:G4}]·output + ({tx:G4}, {ty:G4})";
    }

    // The identity is stored as zeros; this is the map's true matrix.
    private (double, double, double, double, double, double) Matrix() =>
        _notIdentity ? (_m00, _m01, _m10, _m11, _tx, _ty) : (1, 0, 0, 1, 0, 0);

    // The new operation G acts after this warp F, so the inverse is F⁻¹ ∘ G⁻¹: source = M·(L·o + u) + T.
    // (l00 … uy) describe G⁻¹.
    private ImageWarp Then(double l00, double l01, double l10, double l11, double ux, double uy)
    {
        var (m00, m01, m10, m11, tx, ty) = Matrix();
        return new ImageWarp(
            m00 * l00 + m01 * l10,
            m00 * l01 + m01 * l11,
            m10 * l00 + m11 * l10,
            m10 * l01 + m11 * l11,
            m00 * ux + m01 * uy + tx,
            m10 * ux + m11 * uy + ty);
    }

    private static double Snap(double value) => Math.Abs(value) < 1e-12 ? 0 : value;
}

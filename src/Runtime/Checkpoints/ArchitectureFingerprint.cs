using System;
using System.Globalization;
using System.Text;

namespace DslNet;

/// <summary>
/// Identifies a network's parameter layout, so a checkpoint is only ever loaded into the architecture it
/// was saved from. <see cref="Describe"/> writes the layout as canonical text, one line per slice:
/// <c>{layer}.{name} {kind} [{d0}, {d1}, …] at {offset}</c> with the kind in lower case (<c>weight</c>,
/// <c>bias</c>), invariant-culture integers and each line ending in <c>\n</c>; for example
/// <c>dense1.weight weight [4, 8] at 0</c>. <see cref="Compute"/> is the 64-bit FNV-1a hash of that text's
/// UTF-8 bytes (offset basis 0xCBF29CE484222325, prime 0x100000001B3). Renaming a layer, reordering,
/// reshaping or retyping a slice changes it; activations do not, since they hold no parameters.
/// </summary>
internal static class ArchitectureFingerprint
{
    private const ulong OffsetBasis = 0xCBF29CE484222325UL;
    private const ulong Prime = 0x100000001B3UL;

    /// <summary>The canonical text of <paramref name="layout"/>, which <see cref="Compute"/> hashes.</summary>
    public static string Describe(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var text = new StringBuilder();
        foreach (var slice in layout)
        {
            text.Append(slice.Layer).Append('.').Append(slice.Name).Append(' ')
                .Append(slice.Kind.ToString().ToLowerInvariant()).Append(" [");
            for (int i = 0; i < slice.Shape.Count; i++)
            {
                if (i > 0) text.Append(", ");
                text.Append(slice.Shape[i].ToString(CultureInfo.InvariantCulture));
            }
            text.Append("] at ").Append(slice.Offset.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 bytes of <see cref="Describe"/>.</summary>
    public static ulong Compute(ParameterLayout layout) => Hash(Encoding.UTF8.GetBytes(Describe(layout)));

    /// <summary>64-bit FNV-1a over <paramref name="bytes"/>.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}

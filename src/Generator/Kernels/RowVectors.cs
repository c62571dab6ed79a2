namespace DslNet.Generator.Emit;

/// <summary>
/// Copies or adds one short row of a literal length between two <c>ref float</c> expressions, written out as Vector128
/// steps at literal offsets and then single floats. Rows of a few dozen floats are too short for a library call or a
/// loop to pay off, and Vector128 is accelerated on every target .NET supports.
/// </summary>
internal static class RowVectors
{
    public static void Copy(CodeWriter w, string source, string target, int length)
    {
        int vectorised = length / 4 * 4;
        for (int x = 0; x < vectorised; x += 4) w.Line($"Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref {source}, {x}), ref {target}, {x});");
        for (int x = vectorised; x < length; x++) w.Line($"Unsafe.Add(ref {target}, {x}) = Unsafe.Add(ref {source}, {x});");
    }

    public static void Add(CodeWriter w, string source, string target, int length)
    {
        int vectorised = length / 4 * 4;
        for (int x = 0; x < vectorised; x += 4)
        {
            w.Line($"Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref {target}, {x}) + Vector128.LoadUnsafe(ref {source}, {x}), ref {target}, {x});");
        }
        for (int x = vectorised; x < length; x++) w.Line($"Unsafe.Add(ref {target}, {x}) += Unsafe.Add(ref {source}, {x});");
    }
}

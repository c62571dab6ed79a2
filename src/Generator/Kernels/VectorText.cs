namespace DslNet.Generator.Emit;

/// <summary>The C# text of vector operations for one width: 16 (Vector512), 8 (Vector256), 4 (Vector128) or 1 (float).</summary>
internal readonly struct VectorText
{
    private readonly int _width;

    public VectorText(int width) => _width = width;

    private string Type => _width switch { 16 => "Vector512", 8 => "Vector256", _ => "Vector128" };

    private bool IsScalar => _width == 1;

    /// <summary>The element offset as <c>nuint</c>: a literal stays a literal.</summary>
    private static string Offset(string index) => int.TryParse(index, out _) ? index : $"(nuint)({index})";

    public string Zero => IsScalar ? "0f" : $"{Type}.Create(0f)";

    public string Load(string reference, string index) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {index})" : $"{Type}.LoadUnsafe(ref {reference}, {Offset(index)})";

    public string One => IsScalar ? "1f" : $"{Type}.Create(1f)";

    public string Broadcast(string scalar) => IsScalar ? scalar : $"{Type}.Create({scalar})";

    public string MultiplyAdd(string left, string right, string addend) =>
        IsScalar ? $"{addend} + {left} * {right}" : $"{Type}.FusedMultiplyAdd({left}, {right}, {addend})";

    /// <summary>The sum of a vector's lanes.</summary>
    public string Sum(string value) => IsScalar ? value : $"{Type}.Sum({value})";

    public string ReLU(string value) => IsScalar ? $"global::System.MathF.Max({value}, 0f)" : $"{Type}.Max({value}, {Zero})";

    public string Store(string value, string reference, string index) =>
        IsScalar ? $"Unsafe.Add(ref {reference}, {index}) = {value};" : $"{Type}.StoreUnsafe({value}, ref {reference}, {Offset(index)});";
}

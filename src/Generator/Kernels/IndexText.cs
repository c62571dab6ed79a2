namespace DslNet.Generator.Emit;

/// <summary>Builds index expressions without noise: no <c>+ 0</c>, parentheses only around sums.</summary>
internal static class IndexText
{
    /// <summary><c>row * stride + column</c>, as tidy as the operands allow.</summary>
    public static string RowMajor(string row, int stride, string column) => Add(Multiply(row, stride), column);

    public static string Multiply(string value, int factor) =>
        value == "0" || factor == 0 ? "0" : factor == 1 ? value : (value.Contains(" ") ? $"({value})" : value) + " * " + factor;

    /// <summary><c>value * factor</c> for a factor that is a literal or a variable.</summary>
    public static string Multiply(string value, string factor) =>
        int.TryParse(factor, out int literal) ? Multiply(value, literal) : value == "0" ? "0" : (value.Contains(" ") ? $"({value})" : value) + " * " + factor;

    public static string Add(string left, string right) => right == "0" ? left : left == "0" ? right : left + " + " + right;

    /// <summary><c>i + 2</c>, or just <c>i</c> for an offset of zero.</summary>
    public static string Plus(string variable, int offset) => offset == 0 ? variable : $"{variable} + {offset}";
}

namespace DslNet.Model;

/// <summary>
/// <c>[Lstm(128, ReturnSequences = true)]</c>, <c>[Gru(64)]</c> and <c>[SimpleRnn(32)]</c>, or
/// <c>lstm 128 return_sequences=true</c>, <c>gru 64</c> and <c>simple_rnn 32</c>.
/// </summary>
internal static class RecurrentDeclaration
{
    // The three attributes name their properties alike.
    private const string Units = nameof(LstmAttribute.Units), ReturnSequences = nameof(LstmAttribute.ReturnSequences), Stateful = nameof(LstmAttribute.Stateful);

    public static readonly LayerSyntax Lstm = Syntax(nameof(LstmAttribute), ["lstm"], RecurrentCell.Lstm);

    public static readonly LayerSyntax Gru = Syntax(nameof(GruAttribute), ["gru"], RecurrentCell.Gru);

    public static readonly LayerSyntax SimpleRnn = Syntax(nameof(SimpleRnnAttribute), ["simple_rnn", "simplernn"], RecurrentCell.Simple);

    private static LayerSyntax Syntax(string attribute, string[] keywords, RecurrentCell cell) => new(
        attribute, keywords,
        [LayerArgument.Integer(Units, "the number of units"), LayerArgument.NamedFlag(ReturnSequences), LayerArgument.NamedFlag(Stateful)],
        v => new RecurrentSpec(
            v.Index, v.Name, v.Location, cell,
            v.Integer(Units), v.Flag(ReturnSequences), v.Flag(Stateful), v.LocationOf(Units)));
}

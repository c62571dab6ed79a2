namespace DslNet.Model;

/// <summary><c>[Dense(64, Activation = Activation.Linear)]</c>, or <c>dense 64 activation=relu</c>.</summary>
internal static class DenseDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(DenseAttribute), ["dense"],
        [
            LayerArgument.Integer(nameof(DenseAttribute.Units), "the number of units"),
            LayerArgument.NamedChoice(nameof(DenseAttribute.Activation), Activation.Linear),
        ],
        v => new DenseSpec(
            v.Index, v.Name, v.Location,
            v.Integer(nameof(DenseAttribute.Units)), v.Choice<Activation>(nameof(DenseAttribute.Activation)),
            v.LocationOf(nameof(DenseAttribute.Units))));
}

namespace DslNet.Model;

/// <summary><c>[Add("a", "b", Activation = Activation.ReLU)]</c>, or <c>add a, b activation=relu</c>.</summary>
internal static class AddDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(AddAttribute), ["add"],
        [
            LayerArgument.LayerNames(nameof(AddAttribute.Inputs), "the names of the layers to add"),
            LayerArgument.NamedChoice(nameof(AddAttribute.Activation), Activation.Linear),
        ],
        v => new AddSpec(v.Index, v.Name, v.Location, v.LayerNames(nameof(AddAttribute.Inputs)), v.Choice<Activation>(nameof(AddAttribute.Activation))));
}

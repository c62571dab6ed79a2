namespace DslNet.Model;

/// <summary><c>[BatchNorm(Momentum = 0.1, Epsilon = 1e-5, Activation = Activation.ReLU)]</c>, or <c>batchnorm momentum=0.1 epsilon=0.00001 activation=relu</c>.</summary>
internal static class BatchNormDeclaration
{
    public static readonly LayerSyntax Syntax = new(
        nameof(BatchNormAttribute), ["batchnorm", "batch_norm"],
        [
            LayerArgument.NamedNumber(nameof(BatchNormAttribute.Momentum), 0.1),
            LayerArgument.NamedNumber(nameof(BatchNormAttribute.Epsilon), 1e-5),
            LayerArgument.NamedChoice(nameof(BatchNormAttribute.Activation), Activation.Linear),
        ],
        v => new BatchNormSpec(v.Index, v.Name, v.Location,
            v.Number(nameof(BatchNormAttribute.Momentum)), v.Number(nameof(BatchNormAttribute.Epsilon)),
            v.Choice<Activation>(nameof(BatchNormAttribute.Activation))));
}

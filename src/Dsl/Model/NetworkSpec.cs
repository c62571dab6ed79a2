namespace DslNet.Model;

/// <summary>
/// A network as declared, front-end independent: the attributes and the text DSL both produce it.
/// <see cref="Inputs"/> holds every <c>Input</c> declaration (exactly one is valid), so that the
/// checks, not the front ends, decide what is wrong. <see cref="Loss"/> is optional (<see cref="LossKind.None"/>).
/// </summary>
internal sealed record NetworkSpec(
    string Name,
    SourceLocation Location,
    EquatableArray<InputSpec> Inputs,
    EquatableArray<LayerSpec> Layers,
    LossKind Loss = LossKind.None,
    SourceLocation LossLocation = default);

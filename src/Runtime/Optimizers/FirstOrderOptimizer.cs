using System;

namespace DslNet;

/// <summary>
/// The shell the gradient-descent optimisers (<see cref="SgdOptimizer"/>, <see cref="SgdMomentumOptimizer"/>,
/// <see cref="RmsPropOptimizer"/>, <see cref="AdamOptimizer"/>, <see cref="AdamWOptimizer"/>) share apart from their update
/// maths: the checked learning rate, the weight decay and the parameter groups it applies to, a step's length checks, and
/// saving and restoring a state with the settings it must match. Only this library derives from it.
/// </summary>
public abstract class FirstOrderOptimizer : IOptimizer
{
    private float _learningRate;

    // g + λ·p, and whatever else a step needs a parameter-sized scratch for; allocated once, only when needed.
    private float[]? _scratch;

    /// <exception cref="ArgumentOutOfRangeException">The learning rate or the weight decay is negative or not finite.</exception>
    private protected FirstOrderOptimizer(float learningRate, float weightDecay, bool decayBiases)
    {
        _learningRate = OptimizerArguments.CheckLearningRate(learningRate, Name);
        WeightDecay = OptimizerArguments.CheckWeightDecay(weightDecay, Name);
        DecayBiases = decayBiases;
        Groups = new ParameterGroups(Name, decayBiases);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.CheckLearningRate(value, Name);
    }

    /// <summary>
    /// The weight decay λ: the L2 coefficient added to the gradient as <c>λ·p</c>, except in <see cref="AdamWOptimizer"/>,
    /// where it is decoupled (each step multiplies the decayed parameters by <c>1 − lr·λ</c>).
    /// </summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> applies to bias slices too.</summary>
    public bool DecayBiases { get; }

    // The optimiser's type name, which its messages and saved states carry.
    private protected string Name => GetType().Name;

    private protected ParameterGroups Groups { get; }

    /// <summary>The per-parameter vectors kept between steps, when the optimiser keeps them in this form; saved and restored by this class.</summary>
    private protected StateVectors? State { get; init; }

    /// <summary>A parameter-sized scratch, allocated with the state when <see cref="NeedsScratch"/>; empty otherwise.</summary>
    private protected Span<float> Scratch => _scratch;

    /// <summary>Whether a step needs <see cref="Scratch"/>: by default for the coupled decay <c>g + λ·p</c>.</summary>
    private protected virtual bool NeedsScratch => WeightDecay > 0;

    /// <summary>
    /// Whether the optimiser keeps per-parameter state, which ties it to one parameter count; without it any length
    /// serves and <see cref="Bind"/> has nothing to do.
    /// </summary>
    private protected virtual bool KeepsState => true;

    /// <summary>The optimiser's own settings a saved state must match, in the order they are saved (after the learning rate).</summary>
    private protected virtual (string Name, double Value)[] Settings => [];

    /// <inheritdoc />
    public void Bind(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!KeepsState) return;
        Groups.Bind(layout);
        AllocateState(layout.ParameterCount);
    }

    /// <inheritdoc />
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        OptimizerArguments.CheckLengths(parameters.Length, gradients.Length, Name);
        if (KeepsState)
        {
            Groups.Prepare(parameters.Length);
            AllocateState(parameters.Length);
        }
        Update(parameters, gradients);
    }

    /// <inheritdoc />
    public OptimizerState ExportState()
    {
        var state = new OptimizerState(Name).AddScalar(OptimizerState.LearningRateName, _learningRate);
        foreach (var (name, value) in Settings) state.AddScalar(name, value);
        return ExportVectors(state.AddScalar("weightDecay", WeightDecay).AddScalar("decayBiases", DecayBiases ? 1 : 0));
    }

    /// <inheritdoc />
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ExpectOptimizer(Name);
        foreach (var (name, value) in Settings) state.ExpectSetting(name, value);
        state.ExpectSetting("weightDecay", WeightDecay);
        state.ExpectSetting("decayBiases", DecayBiases ? 1 : 0);
        float learningRate = state.GetLearningRate();
        Action? commit = ReadVectors(state);

        // Everything is valid: commit.
        _learningRate = learningRate;
        commit?.Invoke();
    }

    /// <summary>Allocates the per-parameter state for <paramref name="count"/> parameters, once: by default <see cref="State"/>.</summary>
    private protected virtual void Allocate(int count) => State?.Allocate(count);

    /// <summary>The update itself, on vectors whose lengths are checked and whose state is allocated.</summary>
    private protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Adds the per-parameter state (step counts, moments) to a state that holds the settings.</summary>
    private protected virtual OptimizerState ExportVectors(OptimizerState state) => State?.Export(state) ?? state;

    /// <summary>Reads and checks the per-parameter state, changing nothing, and returns the commit that adopts it; null when there is none.</summary>
    /// <exception cref="System.IO.InvalidDataException">An entry is missing or does not fit.</exception>
    private protected virtual Action? ReadVectors(OptimizerState state) => State?.Import(state, Groups);

    /// <summary>The gradient with coupled L2 decay, <c>g + λ·p</c> written into <see cref="Scratch"/>; the gradient itself without decay.</summary>
    private protected ReadOnlySpan<float> WithL2Decay(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradients) =>
        WeightDecay > 0 ? Groups.AddDecay(parameters, gradients, WeightDecay, _scratch) : gradients;

    private void AllocateState(int count)
    {
        Allocate(count);
        if (NeedsScratch) _scratch ??= new float[count];
    }
}

using System;

namespace DslNet;

/// <summary>
/// What <see cref="AdamOptimizer"/> and <see cref="AdamWOptimizer"/> share: the moment estimates m and v with their decays
/// β₁ and β₂, ε, and the step count t of the bias corrections. They differ only in how they apply weight decay. Only this
/// library derives from it.
/// </summary>
public abstract class AdaptiveMomentOptimizer : FirstOrderOptimizer
{
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    private protected AdaptiveMomentOptimizer(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decayBiases)
        : base(learningRate, weightDecay, decayBiases)
    {
        Moments = new AdamMoments(Name, beta1, beta2, epsilon);
    }

    /// <summary>The decay β₁ of the gradient average.</summary>
    public float Beta1 => Moments.Beta1;

    /// <summary>The decay β₂ of the squared-gradient average.</summary>
    public float Beta2 => Moments.Beta2;

    /// <summary>The term ε added to the root mean square.</summary>
    public float Epsilon => Moments.Epsilon;

    /// <summary>The steps taken so far, t.</summary>
    public long StepCount => Moments.StepCount;

    private protected AdamMoments Moments { get; }

    private protected override (string Name, double Value)[] Settings => [("beta1", Beta1), ("beta2", Beta2), ("epsilon", Epsilon)];

    private protected override void Allocate(int count) => Moments.Allocate(count);

    private protected override OptimizerState ExportVectors(OptimizerState state) => Moments.Export(state);

    private protected override Action ReadVectors(OptimizerState state) => Moments.Import(state, Groups);
}

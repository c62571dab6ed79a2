namespace DslNet;

/// <summary>How <see cref="SimulatedAnnealingOptimizer"/> lowers its temperature over the iterations it plans to run.</summary>
public enum AnnealingSchedule
{
    /// <summary>Geometric cooling, <c>T₀·(T₁/T₀)^(k/K)</c>: the same ratio every step, from T₀ down to T₁ at the last planned iteration K.</summary>
    Exponential,

    /// <summary>Linear cooling, <c>T₀ + (T₁ − T₀)·k/K</c>, from T₀ down to T₁ at the last planned iteration K.</summary>
    Linear,

    /// <summary>Logarithmic cooling, <c>T₀·ln 2 / ln(k + 2)</c>: the slow schedule of the convergence proofs (Geman and Geman); ignores T₁.</summary>
    Logarithmic,
}

namespace DslNet;

/// <summary>How <see cref="GeneticAlgorithmOptimizer"/> mixes two parents into a child.</summary>
public enum GeneticCrossover
{
    /// <summary>
    /// Blend crossover, BLX-α (Eshelman and Schaffer 1993): each coordinate is drawn uniformly from the
    /// parents' interval widened by α of its length on both sides, so children can explore past the parents.
    /// </summary>
    Blend,

    /// <summary>Uniform crossover: each coordinate is copied from one parent or the other with equal probability.</summary>
    Uniform,
}

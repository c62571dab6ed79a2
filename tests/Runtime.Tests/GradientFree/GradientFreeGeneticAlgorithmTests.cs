using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace DslNet.Tests;

public sealed class GradientFreeGeneticAlgorithmTests
{
    [Fact]
    public void ReachesTheBottomOfRosenbrocksValley()
    {
        float[] point = [-1.2f, 1f];
        var result = new GeneticAlgorithmOptimizer().Minimize(point, GradientFreeFunctions.Rosenbrock,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rosenbrock {result.BestValue} at ({point[0]}, {point[1]}).");
    }

    [Fact]
    public void FindsTheGlobalMinimumOfRastrigin()
    {
        float[] point = [3.2f, -2.7f];
        var result = new GeneticAlgorithmOptimizer().Minimize(point, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxEvaluations = 20_000, InitialScale = 5.12f, TargetValue = 1e-4, Seed = 1 });

        Assert.True(result.BestValue < 1e-3, $"Rastrigin {result.BestValue} at ({point[0]}, {point[1]}).");
        Assert.Equal(0f, point[0], 0.01f);
        Assert.Equal(0f, point[1], 0.01f);
    }

    [Fact]
    public void TrainsATinyNetworkOnXor()
    {
        var network = new GradientFreeXor(seed: 1);
        var result = new GeneticAlgorithmOptimizer().Minimize(network.Parameters, network.XorLoss,
            new GradientFreeOptions { MaxEvaluations = 20_000, TargetValue = 0.01, Seed = 1 });

        Assert.True(network.SolvesXor(out float[] outputs), $"XOR outputs {string.Join(", ", outputs)}, loss {result.BestValue}.");
    }

    [Fact]
    public void EvaluatesOnlyTheChildrenAfterTheFirstGeneration()
    {
        var progress = new SynchronousProgress<GradientFreeReport>();
        var result = new GeneticAlgorithmOptimizer { PopulationSize = 10, EliteCount = 3 }.Minimize(new[] { 1f, 2f }, GradientFreeFunctions.Rastrigin,
            new GradientFreeOptions { MaxIterations = 4 }, progress);

        Assert.Equal(10 + 3 * 7, result.Evaluations);
        Assert.Equal([10, 17, 24, 31], progress.Reports.ConvertAll(r => r.Evaluations));
    }

    [Fact]
    public void BreedsFromTheEliteWhenTournamentsAreLarge()
    {
        // Two individuals, one elite, huge tournaments and no crossover: each child is the best point so far
        // plus a mutation, a (1+1) evolution strategy, so every child lies close to the best before it.
        var points = new List<float[]>();
        var values = new List<double>();
        new GeneticAlgorithmOptimizer { PopulationSize = 2, EliteCount = 1, TournamentSize = 60, CrossoverRate = 0, MutationRate = 1, MutationScale = 0.1f }.Minimize(
            new[] { 3f, -2f }, x =>
            {
                points.Add(x.ToArray());
                double value = GradientFreeFunctions.ShiftedSphere(x);
                values.Add(value);
                return value;
            }, new GradientFreeOptions { MaxIterations = 200, Seed = 5 });

        for (int i = 2; i < points.Count; i++)
        {
            int best = values.Take(i).Select((v, index) => (v, index)).Min().index;
            Assert.True(Math.Abs(points[i][0] - points[best][0]) < 0.6 && Math.Abs(points[i][1] - points[best][1]) < 0.6, $"child {i} strays from the elite.");
        }
        Assert.True(values.Min() < 0.05);
    }

    [Fact]
    public void UniformCrossoverOnlyRecombinesCoordinates()
    {
        var points = new List<float[]>();
        new GeneticAlgorithmOptimizer { PopulationSize = 8, Crossover = GeneticCrossover.Uniform, CrossoverRate = 1, MutationRate = 0 }.Minimize(
            new[] { 0f, 0f, 0f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points),
            new GradientFreeOptions { MaxIterations = 6, Seed = 6 });

        for (int d = 0; d < 3; d++)
        {
            var initial = points.Take(8).Select(p => p[d]).ToHashSet();
            Assert.All(points.Skip(8), p => Assert.Contains(p[d], initial));
        }
        // Children do mix parents: some child differs from every initial individual.
        Assert.Contains(points.Skip(8), child => points.Take(8).All(parent => !parent.SequenceEqual(child)));
    }

    [Fact]
    public void BlendCrossoverWithoutAlphaStaysWithinTheParents()
    {
        var points = new List<float[]>();
        new GeneticAlgorithmOptimizer { PopulationSize = 8, BlendAlpha = 0, CrossoverRate = 1, MutationRate = 0 }.Minimize(
            new[] { 0f, 0f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points),
            new GradientFreeOptions { MaxIterations = 6, Seed = 7 });

        for (int d = 0; d < 2; d++)
        {
            float low = points.Take(8).Min(p => p[d]), high = points.Take(8).Max(p => p[d]);
            Assert.All(points.Skip(8), p => Assert.InRange(p[d], low, high));
        }
    }

    [Fact]
    public void WithoutCrossoverOrMutationOnlyCopies()
    {
        var points = new List<float[]>();
        new GeneticAlgorithmOptimizer { PopulationSize = 6, CrossoverRate = 0, MutationRate = 0 }.Minimize(
            new[] { 0f, 0f }, GradientFreeOptimizers.Recording(GradientFreeFunctions.Rastrigin, points),
            new GradientFreeOptions { MaxIterations = 4, Seed = 8 });

        Assert.All(points.Skip(6), child => Assert.Contains(points.Take(6), parent => parent.SequenceEqual(child)));
    }

    [Fact]
    public void HasCommonDefaults()
    {
        var optimizer = new GeneticAlgorithmOptimizer();
        Assert.Equal(50, optimizer.PopulationSize);
        Assert.Equal(2, optimizer.EliteCount);
        Assert.Equal(3, optimizer.TournamentSize);
        Assert.Equal(GeneticCrossover.Blend, optimizer.Crossover);
        Assert.Equal(0.9, optimizer.CrossoverRate);
        Assert.Equal(0.5, optimizer.BlendAlpha);
        Assert.Null(optimizer.MutationRate);
        Assert.Null(optimizer.MutationScale);
    }

    [Fact]
    public void RejectsCoefficientsOutOfRange()
    {
        Assert.Equal("PopulationSize", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { PopulationSize = 1 }).ParamName);
        Assert.Equal("EliteCount", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { EliteCount = -1 }).ParamName);
        Assert.Equal("TournamentSize", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { TournamentSize = 0 }).ParamName);
        Assert.Equal("CrossoverRate", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { CrossoverRate = 1.1 }).ParamName);
        Assert.Equal("BlendAlpha", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { BlendAlpha = -0.1 }).ParamName);
        Assert.Equal("MutationRate", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { MutationRate = -0.5 }).ParamName);
        Assert.Equal("MutationScale", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { MutationScale = 0 }).ParamName);
        Assert.Equal("EliteCount", Assert.Throws<ArgumentException>(() => new GeneticAlgorithmOptimizer { PopulationSize = 4, EliteCount = 4 }
            .Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions())).ParamName);
        Assert.Equal("Crossover", Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithmOptimizer { Crossover = (GeneticCrossover)5 }
            .Minimize(new[] { 1f }, x => x[0], new GradientFreeOptions())).ParamName);
    }
}

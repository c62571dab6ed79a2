using System.Linq;
using Xunit;

namespace DslNet.Tests;

/// <summary>
/// The entries of each optimiser's saved state, in order: checkpoints written before the optimisers shared their shell must
/// keep loading, so the shared export writes the learning rate, the optimiser's own settings, the weight decay and whether
/// biases decay, then its vectors, as each optimiser wrote them on its own.
/// </summary>
public sealed class OptimizerStateLayoutTests
{
    [Theory]
    [InlineData("Sgd", "learningRate weightDecay decayBiases", "")]
    [InlineData("SgdDecay", "learningRate weightDecay decayBiases", "")]
    [InlineData("Momentum", "learningRate momentum nesterov weightDecay decayBiases", "velocity")]
    [InlineData("NesterovDecay", "learningRate momentum nesterov weightDecay decayBiases", "velocity")]
    [InlineData("RmsProp", "learningRate alpha epsilon momentum centered weightDecay decayBiases", "squareAverage")]
    [InlineData("RmsPropCenteredMomentumDecay", "learningRate alpha epsilon momentum centered weightDecay decayBiases", "squareAverage gradientAverage momentumBuffer")]
    [InlineData("Adam", "learningRate beta1 beta2 epsilon weightDecay decayBiases step", "firstMoment secondMoment")]
    [InlineData("AdamDecay", "learningRate beta1 beta2 epsilon weightDecay decayBiases step", "firstMoment secondMoment")]
    [InlineData("AdamW", "learningRate beta1 beta2 epsilon weightDecay decayBiases step", "firstMoment secondMoment")]
    public void TheSavedEntriesKeepTheirNamesAndOrder(string name, string scalars, string vectors)
    {
        var optimizer = OptimizerCases.Create(name);
        float[] parameters = [0.5f, -0.25f, 1f], gradients = [0.1f, 0.2f, -0.3f];
        optimizer.Step(parameters, gradients);

        var state = optimizer.ExportState();

        Assert.Equal(optimizer.GetType().Name, state.Optimizer);
        Assert.Equal(scalars, string.Join(' ', state.Scalars.Select(entry => entry.Key)));
        Assert.Equal(vectors, string.Join(' ', state.Vectors.Select(entry => entry.Key)));
        Assert.All(state.Vectors, entry => Assert.Equal(parameters.Length, entry.Value.Length));
    }

    [Fact]
    public void TheSettingsAreSavedWithTheirValues()
    {
        var state = new RmsPropOptimizer(0.02f, 0.9f, 1e-6f, momentum: 0.5f, centered: true, weightDecay: 0.125f, decayBiases: true).ExportState();

        double[] expected = [0.02f, 0.9f, 1e-6f, 0.5f, 1, 0.125f, 1];
        Assert.Equal(expected, state.Scalars.Select(entry => entry.Value));
    }
}

using System;
using Xunit;

namespace DslNet.Tests;

public sealed class ScheduledOptimizerTests
{
    [Fact]
    public void EachStepUsesTheScheduleRateForItsIndex()
    {
        // SGD on a unit gradient moves each parameter by exactly the rate used: 1, 1, 0.5, 0.5, 0.25.
        var optimizer = new ScheduledOptimizer(new SgdOptimizer(1f), new StepDecaySchedule(1f, 2, 0.5f));
        float[] parameters = [0f];
        float previous = 0f;
        float[] moves = new float[5];
        for (int step = 0; step < 5; step++)
        {
            Assert.Equal(step, optimizer.StepCount);
            optimizer.Step(parameters, [-1f]);
            moves[step] = parameters[0] - previous;
            previous = parameters[0];
        }
        Assert.Equal([1f, 1f, 0.5f, 0.5f, 0.25f], moves);
        // The next step, the sixth (index 5), would use 1·0.5^⌊5/2⌋.
        Assert.Equal(0.25f, optimizer.LearningRate);
    }

    [Fact]
    public void TheLearningRateCannotBeSetByHand()
    {
        var optimizer = new ScheduledOptimizer(new SgdOptimizer(1f), new ConstantSchedule(0.5f));
        Assert.Throws<InvalidOperationException>(() => optimizer.LearningRate = 0.1f);
    }

    [Fact]
    public void WorksInsideTheTrainerPerMiniBatch()
    {
        var network = new LinearTestNetwork(2, 1, Activation.Linear);
        var inner = new SgdMomentumOptimizer(1f, 0.5f);
        var optimizer = new ScheduledOptimizer(inner, new LinearWarmupSchedule(new ConstantSchedule(0.1f), 4));
        var trainer = new Trainer(network, new MeanSquaredErrorLoss(), optimizer);
        float[] x = [1f, 2f], y = [1f];
        for (int step = 0; step < 3; step++) trainer.TrainStep(x, y, 1);
        Assert.Equal(3, optimizer.StepCount);
        // The wrapped optimiser ran its third step at factor 3/5 of 0.1.
        Assert.Equal((float)(0.1f * (0.2 + 0.8 * 2 / 4)), inner.LearningRate);
    }

    [Fact]
    public void AZeroRateAtTheEndOfACosineIsAccepted()
    {
        var optimizer = new ScheduledOptimizer(new AdamOptimizer(), new CosineAnnealingSchedule(0.1f, 2));
        float[] parameters = [1f];
        for (int step = 0; step < 4; step++) optimizer.Step(parameters, [1f]);
        Assert.Equal(0f, optimizer.LearningRate);
    }
}

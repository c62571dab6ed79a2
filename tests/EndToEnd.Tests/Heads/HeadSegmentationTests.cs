using System;
using Xunit;
using Xunit.Abstractions;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>A fully convolutional network with a per-pixel softmax cross-entropy labels squares, discs and background.</summary>
public sealed class HeadSegmentationTests(ITestOutputHelper output)
{
    private const int Classes = HeadShapeImages.Classes, Size = HeadShapeImages.Size, Pixels = HeadShapeImages.Pixels;

    [Fact]
    public void A_fully_convolutional_network_labels_every_pixel_of_squares_and_discs()
    {
        Dataset training = HeadShapeImages.Generate(500, seed: 1);
        Dataset test = HeadShapeImages.Generate(300, seed: 2);
        var network = new HeadShapeSegmenter(seed: 3);
        var trainer = new Trainer(network, new PixelSoftmaxCrossEntropyLoss(Classes, Size, Size), new AdamOptimizer(0.007f),
            new TrainerOptions { Epochs = 6, BatchSize = 4, Seed = 4 });

        var history = trainer.Fit(training);

        var (accuracy, iou, background) = HeadScores.Segmentation(HeadScores.Predict(network, test), test, Classes, Pixels);
        double meanIoU = (iou[0] + iou[1] + iou[2]) / 3;
        string figures = $"pixel accuracy {accuracy:P2} (all background: {background:P2}), IoU background {iou[0]:F3}, square {iou[1]:F3}, disc {iou[2]:F3}, mean {meanIoU:F3}";
        output.WriteLine(figures);
        Assert.True(history[^1].TrainingLoss < history[0].TrainingLoss / 2, $"loss went from {history[0].TrainingLoss} to {history[^1].TrainingLoss}");
        // Over fourteen seeds this budget gave 95.5–97.6 % and a mean IoU of 0.83–0.91 (squares and discs at least 0.71)
        // thirteen times; once it was still learning to tell squares from discs (91 %, 0.67). All background scores ~73 %.
        Assert.True(accuracy >= 0.93, figures);
        Assert.True(meanIoU >= 0.7, figures);
        Assert.True(iou[1] >= 0.5 && iou[2] >= 0.5, figures);
        Assert.Null(trainer.Evaluate(test).Accuracy);
    }

    [Fact]
    public void The_trainer_refuses_the_pixel_loss_after_a_sigmoid()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer(new HeadSigmoidPixels(seed: 1),
            new PixelSoftmaxCrossEntropyLoss(2, 4, 4), new AdamOptimizer(0.01f)));
        Assert.Contains("PixelSoftmaxCrossEntropy cannot follow a Sigmoid output layer", e.Message);
        Assert.Contains("Linear output", e.Message);
    }

    [Fact]
    public void A_pixel_loss_for_another_map_size_fails_on_the_first_step_with_both_shapes()
    {
        var trainer = new Trainer(new HeadShapeSegmenter(seed: 1), new PixelSoftmaxCrossEntropyLoss(Classes, 10, 10), new AdamOptimizer(0.01f));
        var e = Assert.Throws<ArgumentException>(() => trainer.TrainStep(new float[Pixels], new float[Classes * Pixels], 1));
        Assert.Contains("[3, 10, 10] = 300", e.Message);
        Assert.Contains("got 432", e.Message);
    }
}

using System;
using LocalizationSample;
using SegmentationSample;
using Xunit;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>The samples' own scores, which the head tests rely on, on cases worked by hand.</summary>
public sealed class HeadScoresTests
{
    [Fact]
    public void Box_iou_of_hand_placed_boxes()
    {
        Assert.Equal(1.0, BoxScore.IoU([0.5f, 0.5f, 0.2f, 0.4f], [0.5f, 0.5f, 0.2f, 0.4f]), 6);
        // Two unit-wide squares shifted by half a side: overlap ½, union 1½.
        Assert.Equal(1.0 / 3, BoxScore.IoU([0.5f, 0.5f, 1f, 1f], [1f, 0.5f, 1f, 1f]), 6);
        Assert.Equal(0.0, BoxScore.IoU([0.1f, 0.1f, 0.1f, 0.1f], [0.9f, 0.9f, 0.1f, 0.1f]));
        Assert.Equal(0.0, BoxScore.IoU([0.5f, 0.5f, -0.2f, 0.4f], [0.5f, 0.5f, 0.2f, 0.4f]));
    }

    [Fact]
    public void The_average_box_baseline_of_hand_placed_boxes()
    {
        // One class, then the box. Training boxes at x 0.4 and 0.6 average to one at 0.5; against it the test box
        // at 0.5 scores 1, the one at 0.6 (half of it overlapping, 0.02 of a 0.06 union) scores ⅓.
        float[] trainingTargets = [1f, 0.4f, 0.5f, 0.2f, 0.2f, 1f, 0.6f, 0.5f, 0.2f, 0.2f];
        float[] testTargets = [1f, 0.5f, 0.5f, 0.2f, 0.2f, 1f, 0.6f, 0.5f, 0.2f, 0.2f];
        var training = new Dataset(new float[2], trainingTargets, 2);
        var test = new Dataset(new float[2], testTargets, 2);
        Assert.Equal((1 + 1.0 / 3) / 2, BoxScore.AverageBoxIoU(training, test, classes: 1), 6);
    }

    [Fact]
    public void Segmentation_scores_of_a_hand_made_label_map()
    {
        // One 1×4 image, 2 classes: truth 0 0 1 1, prediction 0 1 1 1 (as logits, NCHW: class 0 plane, then class 1).
        float[] logits = [1f, 0f, 0f, 0f, 0f, 1f, 1f, 1f];
        float[] target = [1f, 1f, 0f, 0f, 0f, 0f, 1f, 1f];
        int[] labels = SegmentationScore.Labels(logits, count: 1, classes: 2, pixels: 4);
        Assert.Equal([0, 1, 1, 1], labels);
        var score = SegmentationScore.Of(labels, new Dataset(new float[4], target, 1), 2, 4);
        Assert.Equal(0.75, score.PixelAccuracy);
        Assert.Equal(0.5, score.IoU[0]);
        Assert.Equal(2.0 / 3, score.IoU[1], 6);
        Assert.Equal((0.5 + 2.0 / 3) / 2, score.MeanIoU, 6);
        Assert.Equal(0.5, score.BackgroundShare);
    }
}

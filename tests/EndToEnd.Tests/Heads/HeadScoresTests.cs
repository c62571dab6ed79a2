using System;
using Xunit;

namespace DslNet.EndToEnd.Tests.Heads;

/// <summary>The metrics the head tests rely on, on cases worked by hand.</summary>
public sealed class HeadScoresTests
{
    [Fact]
    public void Box_iou_of_hand_placed_boxes()
    {
        Assert.Equal(1.0, HeadScores.BoxIoU([0.5f, 0.5f, 0.2f, 0.4f], [0.5f, 0.5f, 0.2f, 0.4f]), 6);
        // Two unit-wide squares shifted by half a side: overlap ½, union 1½.
        Assert.Equal(1.0 / 3, HeadScores.BoxIoU([0.5f, 0.5f, 1f, 1f], [1f, 0.5f, 1f, 1f]), 6);
        Assert.Equal(0.0, HeadScores.BoxIoU([0.1f, 0.1f, 0.1f, 0.1f], [0.9f, 0.9f, 0.1f, 0.1f]));
        Assert.Equal(0.0, HeadScores.BoxIoU([0.5f, 0.5f, -0.2f, 0.4f], [0.5f, 0.5f, 0.2f, 0.4f]));
    }

    [Fact]
    public void Segmentation_scores_of_a_hand_made_label_map()
    {
        // One 1×4 image, 2 classes: truth 0 0 1 1, prediction 0 1 1 1 (as logits, NCHW: class 0 plane, then class 1).
        float[] logits = [1f, 0f, 0f, 0f, 0f, 1f, 1f, 1f];
        float[] target = [1f, 1f, 0f, 0f, 0f, 0f, 1f, 1f];
        var (accuracy, iou, background) = HeadScores.Segmentation(logits, new Dataset(new float[4], target, 1), 2, 4);
        Assert.Equal(0.75, accuracy);
        Assert.Equal(0.5, iou[0]);
        Assert.Equal(2.0 / 3, iou[1], 6);
        Assert.Equal(0.5, background);
    }
}

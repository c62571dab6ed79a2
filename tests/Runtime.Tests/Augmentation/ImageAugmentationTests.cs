using System;
using System.Linq;
using DslNet.Tests.Shared;
using Xunit;

namespace DslNet.Tests;

/// <summary>Each transform is checked on tiny images whose results are worked out by hand.</summary>
[Collection(AllocationMeasurement.Name)]
public sealed class ImageAugmentationTests
{
    private static readonly float[] Three = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // 3×3, row-major

    [Fact]
    public void AFlipMirrorsEveryRowOfEveryChannel()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]; // 2 channels of 2×3
        float[] flipped = Augment(new ImageAugmentation(2, 2, 3, new RandomHorizontalFlip(1f)), image);

        Assert.Equal([3, 2, 1, 6, 5, 4, 30, 20, 10, 60, 50, 40], flipped);
    }

    [Fact]
    public void AQuarterTurnMovesEveryPixelExactly()
    {
        // Counter-clockwise as displayed: the right column becomes the top row.
        Assert.Equal([3, 6, 9, 2, 5, 8, 1, 4, 7], Augment(new ImageAugmentation(1, 3, 3, new RandomRotation(90, 90)), Three));
        Assert.Equal([7, 4, 1, 8, 5, 2, 9, 6, 3], Augment(new ImageAugmentation(1, 3, 3, new RandomRotation(-90, -90)), Three));
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1], Augment(new ImageAugmentation(1, 3, 3, new RandomRotation(180, 180)), Three));
        // An even size turns about the point between the middle pixels.
        float[] four = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();
        Assert.Equal([4, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13], Augment(new ImageAugmentation(1, 4, 4, new RandomRotation(90, 90)), four));
    }

    [Fact]
    public void AShiftByOnePixelMovesTheContentAndFillsTheGap()
    {
        var right = new ImageAugmentation(1, 3, 3, new RandomShift(1, 1, 0, 0)) { FillValue = -1 };
        var down = new ImageAugmentation(1, 3, 3, new RandomShift(0, 0, 1, 1)) { FillValue = -1 };
        var upLeft = new ImageAugmentation(1, 3, 3, new RandomShift(-1, -1, -1, -1));

        Assert.Equal([-1, 1, 2, -1, 4, 5, -1, 7, 8], Augment(right, Three));
        Assert.Equal([-1, -1, -1, 1, 2, 3, 4, 5, 6], Augment(down, Three));
        Assert.Equal([5, 6, 0, 8, 9, 0, 0, 0, 0], Augment(upLeft, Three));
    }

    [Fact]
    public void AHalfPixelShiftInterpolatesBetweenNeighbours()
    {
        // out[x] = in[x − ½] = ½·in[x − 1] + ½·in[x], with 0 outside.
        var shift = new ImageAugmentation(1, 1, 4, new RandomShift(0.5f, 0.5f, 0, 0));
        Assert.Equal([0, 1, 3, 6], Augment(shift, [0, 2, 4, 8]));
    }

    [Fact]
    public void ZoomingSamplesBilinearlyAboutTheCentre()
    {
        // Factor 2 about x = 1.5: output x reads input 1.5 + (x − 1.5)/2 = 0.75, 1.25, 1.75, 2.25; on the ramp 0, 4, 8, 12 that is 3, 5, 7, 9.
        var zoom = new ImageAugmentation(1, 1, 4, new RandomScale(2, 2));
        Assert.Equal([3, 5, 7, 9], Augment(zoom, [0, 4, 8, 12]));
        // Factor ½: reads 1.5 + 2(x − 1.5) = −1.5, 0.5, 2.5, 4.5; the ends fall outside (0), the middle average pairs.
        var shrink = new ImageAugmentation(1, 1, 4, new RandomScale(0.5f, 0.5f));
        Assert.Equal([0, 2, 10, 0], Augment(shrink, [0, 4, 8, 12]));
    }

    [Fact]
    public void AnyRotationKeepsTheCentrePixelOfAnOddImage()
    {
        float[] rotated = Augment(new ImageAugmentation(1, 3, 3, new RandomRotation(37, 37)), Three);
        Assert.Equal(5f, rotated[4]);
        Assert.NotEqual(Three, rotated);
    }

    [Fact]
    public void AllRangesAtZeroGiveTheImageBackUnchanged()
    {
        var identity = new ImageAugmentation(2, 3, 3,
            new RandomRotation(0), new RandomHorizontalFlip(0), new RandomScale(0), new RandomShift(0));
        float[] images = TestData.Uniform(5 * 18, -1, 1, seed: 3);
        var output = new float[images.Length];

        identity.Apply(images, output, batch: 5, new FastRandom(1));

        Assert.Equal(images, output);
    }

    [Fact]
    public void TransformsActInTheOrderGiven()
    {
        // Flip then shift right: 1 2 3 → 3 2 1 → _ 3 2. Shift right then flip: 1 2 3 → _ 1 2 → 2 1 _.
        var flipThenShift = new ImageAugmentation(1, 1, 3, new RandomHorizontalFlip(1), new RandomShift(1, 1, 0, 0));
        var shiftThenFlip = new ImageAugmentation(1, 1, 3, new RandomShift(1, 1, 0, 0), new RandomHorizontalFlip(1));

        Assert.Equal([0, 3, 2], Augment(flipThenShift, [1, 2, 3]));
        Assert.Equal([2, 1, 0], Augment(shiftThenFlip, [1, 2, 3]));
        Assert.Equal(ImageWarp.Identity.FlipHorizontally().Shift(1, 0), ImageWarp.Identity.Shift(-1, 0).FlipHorizontally());
        Assert.Equal(ImageWarp.Identity, ImageWarp.Identity.Rotate(90).Rotate(-90));
        Assert.True(default(ImageWarp).IsIdentity);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatchAndEachImageItsOwnWarp()
    {
        var augmentation = new ImageAugmentation(1, 5, 5,
            new RandomRotation(15), new RandomHorizontalFlip(), new RandomScale(0.2f), new RandomShift(1));
        float[] one = TestData.Uniform(25, 0, 1, seed: 4);
        float[] batch = [.. one, .. one, .. one, .. one];

        float[] Run(int seed)
        {
            var output = new float[batch.Length];
            augmentation.Apply(batch, output, 4, new FastRandom(seed));
            return output;
        }

        float[] first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        // Four copies of one image come out as four different images.
        var copies = Enumerable.Range(0, 4).Select(i => first.AsSpan(i * 25, 25).ToArray()).ToList();
        Assert.Equal(4, copies.Select(c => string.Join(",", c)).Distinct().Count());
    }

    [Fact]
    public void AFlipWithProbabilityOneHalfFlipsAboutHalfTheImages()
    {
        var augmentation = new ImageAugmentation(1, 1, 2, new RandomHorizontalFlip());
        const int count = 2000;
        var images = new float[count * 2];
        for (int i = 0; i < count; i++) images[2 * i + 1] = 1; // [0, 1]; flipped is [1, 0]
        var output = new float[images.Length];

        augmentation.Apply(images, output, count, new FastRandom(1));

        int flipped = Enumerable.Range(0, count).Count(i => output[2 * i] == 1);
        Assert.InRange(flipped, 900, 1100);
    }

    [Fact]
    public void ApplyingABatchAllocatesNothing()
    {
        var augmentation = new ImageAugmentation(3, 8, 8,
            new RandomRotation(20), new RandomHorizontalFlip(), new RandomScale(0.1f), new RandomShift(2));
        float[] images = TestData.Uniform(16 * 192, 0, 1, seed: 1);
        var output = new float[images.Length];
        var random = new FastRandom(1);
        augmentation.Apply(images, output, 16, random);

        SteadyStateAllocation.AssertZero(() =>
        {
            for (int i = 0; i < 20; i++) augmentation.Apply(images, output, 16, random);
        });
    }

    [Fact]
    public void ArgumentsOutOfRangeAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageAugmentation(0, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation(10, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRotation(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomScale(1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomScale(0f, 2f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(-1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageWarp.Identity.Scale(0));
        var augmentation = new ImageAugmentation(1, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[18], new float[9], 2, new FastRandom(1)));
        Assert.Contains("2 × 9 = 18", e.Message);
        Assert.Contains("got 9", e.Message);
    }

    [Fact]
    public void TheTrainerAugmentsTrainingBatchesOnly()
    {
        // 1×1×2 "images" [a, b]; a certain flip makes every training input [b, a].
        var network = new RecordingNetwork(new LinearTestNetwork(2, 2, Activation.Softmax));
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), new SgdOptimizer(0.1f),
            new TrainerOptions { Epochs = 1, BatchSize = 2, Augmentation = new ImageAugmentation(1, 1, 2, new RandomHorizontalFlip(1)) });
        var data = Dataset.FromLabels([1, 2, 3, 4], [0, 1], 2);

        trainer.TrainStep([1, 2, 3, 4], [1, 0, 0, 1], 2);
        Assert.Equal([2, 1, 4, 3], network.LastTrainingInput);

        trainer.Fit(data);
        Assert.Equal(4, network.LastTrainingInput.Length);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, network.LastTrainingInput.Order());
        Assert.True(network.LastTrainingInput[0] > network.LastTrainingInput[1]); // flipped, whatever the shuffle

        trainer.Evaluate(data);
        Assert.Equal([1, 2, 3, 4], network.LastInferenceInput);
    }

    [Fact]
    public void AnAugmentationThatDoesNotFitTheInputsFailsAtConstruction()
    {
        var e = Assert.Throws<ArgumentException>(() => new Trainer(new LinearTestNetwork(8, 2, Activation.Softmax), new SoftmaxCrossEntropyLoss(),
            new SgdOptimizer(0.1f), new TrainerOptions { Augmentation = new ImageAugmentation(1, 3, 3) }));
        Assert.Contains("[1, 3, 3] = 9 floats", e.Message);
        Assert.Contains("takes 8 inputs", e.Message);
    }

    private static float[] Augment(ImageAugmentation augmentation, float[] image)
    {
        var output = new float[image.Length];
        augmentation.Apply(image, output, batch: 1, new FastRandom(1));
        return output;
    }

    /// <summary>Passes everything to an inner network and keeps the inputs of the last training and inference forward passes.</summary>
    private sealed class RecordingNetwork(INetwork inner) : INetwork
    {
        public float[] LastTrainingInput { get; private set; } = [];

        public float[] LastInferenceInput { get; private set; } = [];

        public int InputSize => inner.InputSize;

        public int OutputSize => inner.OutputSize;

        public int ParameterCount => inner.ParameterCount;

        public Activation OutputActivation => inner.OutputActivation;

        public Span<float> Parameters => inner.Parameters;

        public Span<float> Gradients => inner.Gradients;

        public ParameterLayout Layout => inner.Layout;

        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, bool training = false)
        {
            if (training) LastTrainingInput = input.ToArray();
            else LastInferenceInput = input.ToArray();
            inner.Forward(input, output, batch, training);
        }

        public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) => inner.Backward(outputGradient, inputGradient, batch);

        public void BackwardFromPreActivation(ReadOnlySpan<float> preActivationGradient, Span<float> inputGradient, int batch) =>
            inner.BackwardFromPreActivation(preActivationGradient, inputGradient, batch);

        public void ZeroGradients() => inner.ZeroGradients();
    }
}

using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace DslNet.Tests;

public sealed class CheckpointTests : IDisposable
{
    private const int Batch = 5;

    private const string CheckpointNetLayout =
        "dense1.weight weight [4, 8] at 0\n" +
        "dense1.bias bias [8] at 32\n" +
        "dense2.weight weight [8, 3] at 40\n" +
        "dense2.bias bias [3] at 64\n";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dslnet-checkpoint-tests-" + Guid.NewGuid().ToString("N"));

    public CheckpointTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    /// <summary>Mini-batch <paramref name="step"/> of a fixed, seeded stream, so a resumed run sees the same data.</summary>
    private static (float[] Inputs, float[] Targets) BatchAt(int step) =>
        (TestData.Uniform(Batch * 4, -1, 1, seed: 1000 + step), TestData.OneHot(Batch, 3, seed: 2000 + step));

    private static void Train(Trainer trainer, int from, int count)
    {
        for (int step = from; step < from + count; step++)
        {
            var (inputs, targets) = BatchAt(step);
            trainer.TrainStep(inputs, targets, Batch);
        }
    }

    /// <summary>A CheckpointNet trained three steps with Adam, saved with its optimiser state.</summary>
    private string SaveTrained(string name = "trained.ckpt", bool withOptimizer = true)
    {
        var network = new CheckpointNet(seed: 1);
        var optimizer = new AdamOptimizer(0.01f);
        Train(new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer), 0, 3);
        string path = PathOf(name);
        Checkpoint.Save(path, network, withOptimizer ? optimizer : null);
        return path;
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.All), MemberType = typeof(OptimizerCases))]
    public void ResumingFromACheckpointReproducesTheUninterruptedRunBitForBit(string optimizerName)
    {
        const int before = 6, after = 7;
        var network = new CheckpointNet(seed: 1);
        var optimizer = OptimizerCases.Create(optimizerName);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer);
        Train(trainer, 0, before);
        string path = PathOf("resume.ckpt");
        Checkpoint.Save(path, network, optimizer);
        Train(trainer, before, after);
        float[] uninterrupted = network.Parameters.ToArray();

        // Another seed, so nothing but the checkpoint can make the runs agree.
        var resumedNetwork = new CheckpointNet(seed: 99);
        var resumedOptimizer = OptimizerCases.Create(optimizerName);
        var resumedTrainer = new Trainer(resumedNetwork, new SoftmaxCrossEntropyLoss(), resumedOptimizer);
        Checkpoint.Load(path, resumedNetwork, resumedOptimizer);
        Train(resumedTrainer, before, after);

        Assert.Equal(uninterrupted, resumedNetwork.Parameters.ToArray());

        // The optimiser state is what makes it exact: parameters alone diverge for every stateful optimiser.
        if (optimizerName is not ("Sgd" or "SgdDecay"))
        {
            var parametersOnly = new CheckpointNet(seed: 99);
            var freshOptimizer = OptimizerCases.Create(optimizerName);
            var freshTrainer = new Trainer(parametersOnly, new SoftmaxCrossEntropyLoss(), freshOptimizer);
            Checkpoint.Load(path, parametersOnly);
            Train(freshTrainer, before, after);
            Assert.NotEqual(uninterrupted, parametersOnly.Parameters.ToArray());
        }
    }

    [Fact]
    public void AnOptimizerMayBeRestoredBeforeTheTrainerBindsIt()
    {
        string path = SaveTrained();
        var network = new CheckpointNet(seed: 2);
        var optimizer = new AdamOptimizer(0.01f);
        Checkpoint.Load(path, network, optimizer);
        _ = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer);
        Assert.Equal(3, optimizer.StepCount);
    }

    [Fact]
    public void TheFileFollowsTheDocumentedFormat()
    {
        var network = new CheckpointNet(seed: 1);
        var optimizer = new SgdMomentumOptimizer(0.5f, 0.25f);
        var trainer = new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer);
        Train(trainer, 0, 1);
        string path = PathOf("format.ckpt");
        Checkpoint.Save(path, network, optimizer);
        byte[] file = File.ReadAllBytes(path);

        Assert.Equal("DSLNETCK"u8.ToArray(), file[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal(file.Length, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(12)));
        Assert.Equal(CheckpointReference.Fnv1a64(CheckpointNetLayout), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(20)));
        Assert.Equal(67, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28)));
        int textLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(32));
        Assert.Equal(CheckpointNetLayout, Encoding.UTF8.GetString(file, 36, textLength));
        int offset = 36 + textLength;
        for (int i = 0; i < 67; i++) Assert.Equal(network.Parameters[i], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(offset + 4 * i)));
        offset += 4 * 67;
        Assert.Equal(1, file[offset]);
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset + 1));
        Assert.Equal(nameof(SgdMomentumOptimizer), Encoding.UTF8.GetString(file, offset + 5, nameLength));
        Assert.Equal(CheckpointReference.Crc32(file.AsSpan(0, file.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)));
    }

    [Fact]
    public void TheReferenceChecksumsMatchTheirPublishedCheckValues()
    {
        // The catalogue check value of CRC-32/ISO-HDLC, and FNV-1a 64 of "" and "a".
        Assert.Equal(0xCBF43926u, CheckpointReference.Crc32("123456789"u8));
        Assert.Equal(0xCBF29CE484222325UL, CheckpointReference.Fnv1a64(""));
        Assert.Equal(0xAF63DC4C8601EC8CUL, CheckpointReference.Fnv1a64("a"));
    }

    [Fact]
    public void TheFingerprintHashesTheCanonicalLayoutText()
    {
        var layout = new CheckpointNet(seed: 1).Layout;
        Assert.Equal(CheckpointNetLayout, ArchitectureFingerprint.Describe(layout));
        Assert.Equal(CheckpointReference.Fnv1a64(CheckpointNetLayout), ArchitectureFingerprint.Compute(layout));
        Assert.NotEqual(ArchitectureFingerprint.Compute(layout), ArchitectureFingerprint.Compute(new CheckpointRenamedNet(seed: 1).Layout));
        Assert.NotEqual(ArchitectureFingerprint.Compute(layout), ArchitectureFingerprint.Compute(new CheckpointSameCountNet(seed: 1).Layout));
    }

    [Fact]
    public void ARoundTripRestoresParametersAndOptimizerState()
    {
        var network = new CheckpointNet(seed: 1);
        var optimizer = new RmsPropOptimizer(0.01f, momentum: 0.5f, centered: true);
        Train(new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer), 0, 4);
        using var stream = new MemoryStream();
        Checkpoint.Write(stream, network, optimizer);
        stream.Position = 0;

        var restored = new CheckpointNet(seed: 7);
        var restoredOptimizer = new RmsPropOptimizer(0.01f, momentum: 0.5f, centered: true);
        Checkpoint.Read(stream, restored, restoredOptimizer);

        Assert.Equal(network.Parameters.ToArray(), restored.Parameters.ToArray());
        AssertSameState(optimizer.ExportState(), restoredOptimizer.ExportState());
    }

    [Fact]
    public void ACheckpointWithStateLoadsIntoANetworkAlone()
    {
        string path = SaveTrained();
        var network = new CheckpointNet(seed: 2);
        Checkpoint.Load(path, network);
        var expected = new CheckpointNet(seed: 1);
        Train(new Trainer(expected, new SoftmaxCrossEntropyLoss(), new AdamOptimizer(0.01f)), 0, 3);
        Assert.Equal(expected.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void EveryCorruptedByteIsDetectedAndChangesNothing()
    {
        byte[] file = File.ReadAllBytes(SaveTrained());
        var (network, optimizer, parameters, state) = Target();
        for (int i = 0; i < file.Length; i++)
        {
            byte[] corrupted = (byte[])file.Clone();
            corrupted[i] ^= 0x10;
            var e = Assert.Throws<InvalidDataException>(() => LoadBytes(corrupted, network, optimizer));
            Assert.Contains("Checkpoint", e.Message);
            AssertUnchanged(network, parameters, optimizer, state);
        }
    }

    [Fact]
    public void ACorruptedParameterFailsTheChecksumNamingBothValues()
    {
        string path = SaveTrained();
        byte[] file = File.ReadAllBytes(path);
        file[36 + CheckpointNetLayout.Length + 10] ^= 0x01;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
        uint computed = CheckpointReference.Crc32(file.AsSpan(0, file.Length - 4));
        File.WriteAllBytes(path, file);
        var (network, optimizer, parameters, state) = Target();

        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network, optimizer));

        Assert.Contains(path, e.Message);
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Contains($"0x{stored:X8}", e.Message);
        Assert.Contains($"0x{computed:X8}", e.Message);
        AssertUnchanged(network, parameters, optimizer, state);
    }

    [Fact]
    public void EveryTruncationIsReportedAsTruncatedAndChangesNothing()
    {
        byte[] file = File.ReadAllBytes(SaveTrained());
        var (network, optimizer, parameters, state) = Target();
        for (int length = 0; length < file.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => LoadBytes(file[..length], network, optimizer));
            Assert.Contains("truncated", e.Message);
            AssertUnchanged(network, parameters, optimizer, state);
        }
    }

    [Fact]
    public void AFileThatIsNotACheckpointIsNamedSo()
    {
        string path = PathOf("notes.txt");
        File.WriteAllText(path, "These are not the weights you are looking for.");
        var (network, optimizer, parameters, state) = Target();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network, optimizer));
        Assert.Contains("not a DslNet checkpoint", e.Message);
        Assert.Contains("DSLNETCK", e.Message);
        AssertUnchanged(network, parameters, optimizer, state);
    }

    [Fact]
    public void AnotherFormatVersionIsNamed()
    {
        byte[] file = File.ReadAllBytes(SaveTrained());
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 2);
        CheckpointReference.FixChecksum(file);
        var (network, optimizer, parameters, state) = Target();
        var e = Assert.Throws<InvalidDataException>(() => LoadBytes(file, network, optimizer));
        Assert.Contains("format version 2", e.Message);
        Assert.Contains("version 1", e.Message);
        AssertUnchanged(network, parameters, optimizer, state);
    }

    [Fact]
    public void AnotherArchitectureIsRefusedNamingTheFirstDifferentSlice()
    {
        string path = SaveTrained();
        var network = new CheckpointWideNet(seed: 5);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network));
        Assert.Contains("another architecture", e.Message);
        Assert.Contains("67 parameters", e.Message);
        Assert.Contains("131", e.Message);
        Assert.Contains("'dense1.weight weight [4, 8] at 0'", e.Message);
        Assert.Contains("'dense1.weight weight [4, 16] at 0'", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void TheSameParameterCountInOtherShapesIsRefused()
    {
        string path = SaveTrained();
        var network = new CheckpointSameCountNet(seed: 5);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network));
        Assert.Contains("[12, 4]", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ARenamedLayerIsRefused()
    {
        string path = SaveTrained();
        var network = new CheckpointRenamedNet(seed: 5);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network));
        Assert.Contains("hidden.weight", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void AHandWrittenNetworkIsComparedByItsLayoutToo()
    {
        string path = SaveTrained();
        var network = new LinearTestNetwork(4, 3, Activation.Softmax);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network));
        Assert.Contains("dense.weight", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void AnotherKindOfOptimizerIsRefusedBeforeTheNetworkChanges()
    {
        string path = SaveTrained();
        var network = new CheckpointNet(seed: 5);
        var optimizer = new SgdMomentumOptimizer(0.1f);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network, optimizer));
        Assert.Contains("AdamOptimizer", e.Message);
        Assert.Contains("SgdMomentumOptimizer", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void AnOptimizerWithOtherSettingsIsRefusedBeforeTheNetworkChanges()
    {
        string path = SaveTrained();
        var network = new CheckpointNet(seed: 5);
        var optimizer = new AdamOptimizer(0.01f, beta1: 0.5f);
        float[] before = network.Parameters.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network, optimizer));
        Assert.Contains("beta1", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void AskingForOptimizerStateAFileLacksIsRefused()
    {
        string path = SaveTrained(withOptimizer: false);
        var (network, optimizer, parameters, state) = Target();
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, network, optimizer));
        Assert.Contains("no optimiser state", e.Message);
        AssertUnchanged(network, parameters, optimizer, state);
    }

    [Fact]
    public void StructuralDamageBehindAValidChecksumIsStillCaught()
    {
        // Hand-edited files with a recomputed checksum: a bad flag, and bytes that belong nowhere.
        byte[] file = File.ReadAllBytes(SaveTrained());
        int flag = 36 + CheckpointNetLayout.Length + 4 * 67;
        var (network, optimizer, parameters, state) = Target();

        byte[] badFlag = (byte[])file.Clone();
        badFlag[flag] = 2;
        CheckpointReference.FixChecksum(badFlag);
        var e = Assert.Throws<InvalidDataException>(() => LoadBytes(badFlag, network, optimizer));
        Assert.Contains("flag is 2", e.Message);

        byte[] extra = new byte[file.Length + 3];
        file.AsSpan(0, file.Length - 4).CopyTo(extra);
        BinaryPrimitives.WriteInt64LittleEndian(extra.AsSpan(12), extra.Length);
        CheckpointReference.FixChecksum(extra);
        e = Assert.Throws<InvalidDataException>(() => LoadBytes(extra, network, optimizer));
        Assert.Contains("3 unexpected bytes", e.Message);

        byte[] noState = new byte[flag + 1 + 4];
        file.AsSpan(0, flag).CopyTo(noState);
        noState[flag] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(noState.AsSpan(12), noState.Length);
        CheckpointReference.FixChecksum(noState);
        e = Assert.Throws<InvalidDataException>(() => LoadBytes(noState, network, optimizer));
        Assert.Contains("truncated while reading", e.Message);

        AssertUnchanged(network, parameters, optimizer, state);
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousCheckpointIntact()
    {
        string path = SaveTrained();
        byte[] previous = File.ReadAllBytes(path);
        var network = new CheckpointNet(seed: 3);

        Assert.Throws<InvalidOperationException>(() => Checkpoint.Save(path, network, new FailingOptimizer()));

        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void SavingOverACheckpointReplacesItAndLeavesNoTemporaryFile()
    {
        string path = SaveTrained();
        var network = new CheckpointNet(seed: 3);
        Checkpoint.Save(path, network);
        Assert.Equal([path], Directory.GetFiles(_directory));

        var loaded = new CheckpointNet(seed: 4);
        Checkpoint.Load(path, loaded);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void AMissingFileIsAnIOError()
    {
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(PathOf("missing.ckpt"), new CheckpointNet(seed: 1)));
    }

    private void LoadBytes(byte[] bytes, INetwork network, IOptimizer optimizer)
    {
        string path = PathOf("edited.ckpt");
        File.WriteAllBytes(path, bytes);
        Checkpoint.Load(path, network, optimizer);
    }

    /// <summary>A network and Adam optimiser that have trained differently from the saved ones, with snapshots of both.</summary>
    private static (CheckpointNet Network, AdamOptimizer Optimizer, float[] Parameters, OptimizerState State) Target()
    {
        var network = new CheckpointNet(seed: 5);
        var optimizer = new AdamOptimizer(0.01f);
        Train(new Trainer(network, new SoftmaxCrossEntropyLoss(), optimizer), 50, 2);
        return (network, optimizer, network.Parameters.ToArray(), optimizer.ExportState());
    }

    private static void AssertUnchanged(INetwork network, float[] parameters, IOptimizer optimizer, OptimizerState state)
    {
        Assert.Equal(parameters, network.Parameters.ToArray());
        AssertSameState(state, optimizer.ExportState());
    }

    private static void AssertSameState(OptimizerState expected, OptimizerState actual)
    {
        Assert.Equal(expected.Optimizer, actual.Optimizer);
        Assert.Equal(expected.Scalars.ToArray(), actual.Scalars.ToArray());
        Assert.Equal(expected.Vectors.Select(v => v.Key), actual.Vectors.Select(v => v.Key));
        for (int i = 0; i < expected.Vectors.Count; i++) Assert.Equal(expected.Vectors[i].Value, actual.Vectors[i].Value);
    }

    [Fact]
    public void ALeftoverTemporaryFileOfTheSameTargetIsRemovedByTheNextSave()
    {
        string path = PathOf("net.dnck");
        string leftover = PathOf($".net.dnck.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(leftover, new byte[100]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-1));
        // Not leftovers of this target: another target's, a fresh one (a save in progress), a name of another form.
        string otherTarget = PathOf($".other.dnck.{Guid.NewGuid():N}.tmp");
        string fresh = PathOf($".net.dnck.{Guid.NewGuid():N}.tmp");
        string notOurs = PathOf(".net.dnck.notes.tmp");
        foreach (string keep in new[] { otherTarget, fresh, notOurs })
        {
            File.WriteAllBytes(keep, new byte[1]);
            if (keep != fresh) File.SetLastWriteTimeUtc(keep, DateTime.UtcNow.AddHours(-1));
        }

        Checkpoint.Save(path, new CheckpointNet(seed: 1));

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(otherTarget) && File.Exists(fresh) && File.Exists(notOurs));
        string[] expected = [.. new[] { path, otherTarget, fresh, notOurs }.Order(StringComparer.Ordinal)];
        Assert.Equal(expected, Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ATemporaryFileHeldOpenByASaveInProgressIsKept()
    {
        string path = PathOf("net.dnck");
        string inProgress = PathOf($".net.dnck.{Guid.NewGuid():N}.tmp");
        using var writer = new FileStream(inProgress, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        File.SetLastWriteTimeUtc(inProgress, DateTime.UtcNow.AddHours(-1));

        Checkpoint.Save(path, new CheckpointNet(seed: 1));

        Assert.True(File.Exists(inProgress));
    }

    [Fact]
    public void SavingIntoAMissingFolderNamesTheFolderAndTheTarget()
    {
        string folder = PathOf("missing");
        string path = Path.Combine(folder, "net.dnck");

        var e = Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(path, new CheckpointNet(seed: 1)));

        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains($"the folder '{folder}' does not exist", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
    }

    /// <summary>An optimiser whose state cannot be exported: a save that fails half-way.</summary>
    private sealed class FailingOptimizer : IOptimizer
    {
        public float LearningRate { get; set; } = 0.1f;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
        }

        public OptimizerState ExportState() => throw new InvalidOperationException("Export failed on purpose.");
    }
}

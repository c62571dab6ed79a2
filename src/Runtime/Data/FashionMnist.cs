using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DslNet;

/// <summary>
/// Zalando's Fashion-MNIST: 60,000 training and 10,000 test grey-level images of 28×28 pixels in 10 classes
/// of clothing, read from the four IDX files <c>{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]</c>.
/// By default the files are taken from where Debian's <c>dataset-fashion-mnist</c> package installs them.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 28;

    /// <summary>Image width in pixels.</summary>
    public const int Width = 28;

    /// <summary>Training images in the official split.</summary>
    public const int TrainingCount = 60_000;

    /// <summary>Test images in the official split.</summary>
    public const int TestCount = 10_000;

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Array.AsReadOnly(new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    });

    /// <summary>
    /// The four files a folder must hold, in the order training images, training labels, test images, test labels;
    /// each may also be present without its <c>.gz</c> suffix, uncompressed.
    /// </summary>
    public static IReadOnlyList<string> FileNames { get; } = Array.AsReadOnly(new[]
    {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
    });

    /// <summary>Whether <paramref name="folder"/> (by default <see cref="DefaultFolder"/>) holds all four files.</summary>
    public static bool IsAvailable(string? folder = null)
    {
        string directory = folder ?? DefaultFolder;
        return FileNames.All(name => Find(directory, name) is not null);
    }

    /// <summary>
    /// Loads the training and test sets from <paramref name="folder"/> (by default <see cref="DefaultFolder"/>):
    /// inputs [count, 1, 28, 28] scaled by <paramref name="scale"/>, one-hot targets over <see cref="ClassCount"/> classes.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message lists the expected files and says what to install or which folder to pass.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the image and label counts differ, a label is outside 0…9, or the training and test images differ in size.</exception>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not finite.</exception>
    public static (Dataset Training, Dataset Test) Load(string? folder = null, float scale = IdxReader.DefaultScale)
    {
        string directory = folder ?? DefaultFolder;
        var paths = new string[FileNames.Count];
        var missing = new List<string>();
        for (int i = 0; i < paths.Length; i++)
        {
            string? path = Find(directory, FileNames[i]);
            if (path is null) missing.Add(FileNames[i]);
            else paths[i] = path;
        }
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(MissingMessage(directory, folder is null, missing), Path.Combine(directory, missing[0]));
        }

        Dataset training = IdxReader.LoadClassification(paths[0], paths[1], ClassCount, scale);
        Dataset test = IdxReader.LoadClassification(paths[2], paths[3], ClassCount, scale);
        if (training.InputSize != test.InputSize)
        {
            throw new InvalidDataException(
                $"{paths[0]} holds images of {training.InputSize} pixels but {paths[2]} holds images of {test.InputSize}; expected the same size, {Height}×{Width}.");
        }
        return (training, test);
    }

    // The compressed file wins; the uncompressed one (as left by gunzip) is accepted too.
    private static string? Find(string directory, string fileName)
    {
        string gzipped = Path.Combine(directory, fileName);
        if (File.Exists(gzipped)) return gzipped;
        string plain = Path.Combine(directory, Path.GetFileNameWithoutExtension(fileName));
        return File.Exists(plain) ? plain : null;
    }

    // The install command stands alone on its line, so it can be copied as is.
    private static string MissingMessage(string directory, bool isDefault, List<string> missing)
    {
        string nl = Environment.NewLine;
        string problem = $"Fashion-MNIST is missing from {(isDefault ? "the default folder" : "the folder")} {directory}: " +
                         $"{string.Join(", ", missing)} not found (with or without .gz).";
        string remedy = isDefault
            ? $"Install the Debian package, which puts the files there:{nl}    sudo apt-get install dataset-fashion-mnist{nl}" +
              "or pass --data <folder> naming a folder that holds them."
            : $"Pass --data <folder> naming a folder that holds them, or install the Debian package and omit --data to read {DefaultFolder}:{nl}" +
              "    sudo apt-get install dataset-fashion-mnist";
        return $"{problem}{nl}{remedy}{nl}Expected files: {string.Join(", ", FileNames)} (gzipped or not).";
    }
}

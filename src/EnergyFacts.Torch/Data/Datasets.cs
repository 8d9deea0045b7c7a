namespace EnergyFacts.Torch.Data;

/// <summary>Entry points that load the supported datasets into an <see cref="ImageDataset"/>.</summary>
public static class Datasets
{
    /// <summary>Environment variable naming a data directory (searched for <c>fashion-mnist/</c>, then used itself).</summary>
    public const string DataDirectoryVariable = "ENERGYFACTS_DATA_DIR";

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the full set (gzipped IDX).</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly string[] HeldOutFolderNames = ["val", "test"];

    private const string EmbeddedPrefix = "EnergyFacts.Torch.Data.Embedded.fashion-mnist-subset.";

    /// <summary>Fashion-MNIST's class names, by label.</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>CIFAR-10's class names, by label.</summary>
    public static IReadOnlyList<string> Cifar10Classes { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>
    /// The full Fashion-MNIST when installed (<paramref name="directory"/>, else <c>$ENERGYFACTS_DATA_DIR[/fashion-mnist]</c>,
    /// else <see cref="DebianFashionMnistDirectory"/>), otherwise the embedded subset. <see cref="ImageDataset.Source"/> says which.
    /// </summary>
    /// <param name="directory">Explicit directory; when given it must hold the files.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset FashionMnist(string? directory = null)
    {
        if (directory is not null)
        {
            return FromIdxDirectory("fashion-mnist", directory, FashionMnistClasses);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(Path.Combine(fromEnvironment, "fashion-mnist"));
            candidates.Add(fromEnvironment);
        }

        candidates.Add(DebianFashionMnistDirectory);
        string? found = candidates.FirstOrDefault(c => FashionMnistFiles.Find(c) is not null);
        return found is null ? FashionMnistEmbedded() : FromIdxDirectory("fashion-mnist", found, FashionMnistClasses);
    }

    /// <summary>The Fashion-MNIST subset shipped inside this assembly (4,000 train and 1,000 test images, stratified; see <see cref="FashionMnistSubset"/>).</summary>
    /// <returns>The dataset.</returns>
    public static ImageDataset FashionMnistEmbedded()
    {
        var train = ReadEmbedded("train");
        var test = ReadEmbedded("t10k");
        return ImageDataset.Create("fashion-mnist", "embedded subset (400/class train, 100/class test)", 10, FashionMnistClasses, train, test);
    }

    /// <summary>MNIST (or any MNIST-layout IDX set with 10 classes) from a directory.</summary>
    /// <param name="directory">Directory with the four IDX files, plain or gzipped.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset Mnist(string directory) =>
        FromIdxDirectory("mnist", directory, Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());

    /// <summary>CIFAR-10 binary version.</summary>
    /// <param name="directory"><c>cifar-10-batches-bin</c>, or a directory containing it.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset Cifar10(string directory)
    {
        string root = Resolve(directory, "cifar-10-batches-bin", "test_batch.bin");
        var train = CifarBinary.ReadSplit(CifarVariant.Cifar10, Enumerable.Range(1, 5).Select(i => Path.Combine(root, $"data_batch_{i}.bin")).ToList());
        var test = CifarBinary.ReadSplit(CifarVariant.Cifar10, [Path.Combine(root, "test_batch.bin")]);
        return ImageDataset.Create("cifar10", root, 10, Cifar10Classes, train, test);
    }

    /// <summary>CIFAR-100 binary version.</summary>
    /// <param name="directory"><c>cifar-100-binary</c>, or a directory containing it.</param>
    /// <param name="coarseLabels">Use the 20 superclasses instead of the 100 classes.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset Cifar100(string directory, bool coarseLabels = false)
    {
        string root = Resolve(directory, "cifar-100-binary", "test.bin");
        var train = CifarBinary.ReadSplit(CifarVariant.Cifar100, [Path.Combine(root, "train.bin")], coarseLabels);
        var test = CifarBinary.ReadSplit(CifarVariant.Cifar100, [Path.Combine(root, "test.bin")], coarseLabels);
        int classes = coarseLabels ? 20 : 100;
        var names = ReadClassNames(Path.Combine(root, coarseLabels ? "coarse_label_names.txt" : "fine_label_names.txt"), classes);
        return ImageDataset.Create(coarseLabels ? "cifar100-coarse" : "cifar100", root, classes, names, train, test);
    }

    /// <summary>An ImageNet-style tree: <c>root/train/&lt;class&gt;/…</c> and <c>root/val/&lt;class&gt;/…</c> (or <c>test/</c>).</summary>
    /// <param name="root">The tree's root.</param>
    /// <param name="imageSize">Side of the square images after resize and centre crop.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset ImageFolderTree(string root, int imageSize)
    {
        string train = Path.Combine(root, "train");
        string? held = HeldOutFolderNames.Select(n => Path.Combine(root, n)).FirstOrDefault(Directory.Exists);
        if (!Directory.Exists(train) || held is null)
        {
            throw new DatasetFormatException($"{root}: expected sub-folders train/ and val/ (or test/), each with one folder per class.");
        }

        var classes = ImageFolder.Classes(train);
        return ImageDataset.Create(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)), root, classes.Count, classes,
            ImageFolder.ReadSplit(train, classes, imageSize), ImageFolder.ReadSplit(held, classes, imageSize));
    }

    /// <summary>A seeded synthetic set (see <see cref="SyntheticImages"/>).</summary>
    /// <param name="numClasses">Classes.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="imageSize">Square image side.</param>
    /// <param name="trainCount">Training images.</param>
    /// <param name="testCount">Test images.</param>
    /// <param name="seed">Seed; the same seed gives the same data.</param>
    /// <returns>The dataset.</returns>
    public static ImageDataset Synthetic(int numClasses = 10, int channels = 1, int imageSize = 28, int trainCount = 2000, int testCount = 500, int seed = 0)
    {
        var train = SyntheticImages.Generate(trainCount, numClasses, channels, imageSize, seed, unchecked((seed * 31) + 1));
        var test = SyntheticImages.Generate(testCount, numClasses, channels, imageSize, seed, unchecked((seed * 31) + 2));
        var names = Enumerable.Range(0, numClasses).Select(c => "class" + c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return ImageDataset.Create("synthetic", $"synthetic seed {seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}", numClasses, names, train, test);
    }

    private static ImageDataset FromIdxDirectory(string name, string directory, IReadOnlyList<string> classes)
    {
        var files = FashionMnistFiles.Find(directory)
            ?? throw new DatasetFormatException($"{directory}: expected train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz).");
        var train = IdxFile.ReadSplit(files.TrainImages, files.TrainLabels, classes.Count);
        var test = IdxFile.ReadSplit(files.TestImages, files.TestLabels, classes.Count);
        return ImageDataset.Create(name, directory, classes.Count, classes, train, test);
    }

    private static ImageArray ReadEmbedded(string prefix)
    {
        var (images, imagesLabel) = DatasetFile.ReadResource(EmbeddedPrefix + prefix + "-images-idx3-ubyte.gz");
        var (labels, labelsLabel) = DatasetFile.ReadResource(EmbeddedPrefix + prefix + "-labels-idx1-ubyte.gz");
        return IdxFile.Decode(images, imagesLabel, labels, labelsLabel, 10);
    }

    private static string Resolve(string directory, string expectedFolder, string marker)
    {
        foreach (string candidate in new[] { directory, Path.Combine(directory, expectedFolder) })
        {
            if (File.Exists(Path.Combine(candidate, marker)))
            {
                return candidate;
            }
        }

        throw new DatasetFormatException($"{directory}: no {marker} here or in {expectedFolder}/; expected the dataset's binary version.");
    }

    private static List<string> ReadClassNames(string file, int count)
    {
        var names = File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).ToList() : [];
        return names.Count == count
            ? names
            : Enumerable.Range(0, count).Select(c => "class" + c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}

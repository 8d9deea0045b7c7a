namespace EnergyFacts.Torch.Data;

/// <summary>
/// How the embedded Fashion-MNIST subset is made: from the official files, the first <c>perClass</c> images of each
/// class in file order (so the split stays stratified and the selection is reproducible), written as gzipped IDX.
/// The repository ships 400 per class from <c>train-images-idx3-ubyte</c> (4,000 images) and 100 per class from
/// <c>t10k-images-idx3-ubyte</c> (1,000 images).
/// </summary>
public static class FashionMnistSubset
{
    /// <summary>Training images per class in the embedded subset.</summary>
    public const int TrainPerClass = 400;

    /// <summary>Test images per class in the embedded subset.</summary>
    public const int TestPerClass = 100;

    /// <summary>Indices (into <paramref name="labels"/>) of the first <paramref name="perClass"/> samples of each class, in file order.</summary>
    /// <param name="labels">Labels of the full split.</param>
    /// <param name="numClasses">Number of classes.</param>
    /// <param name="perClass">Samples to keep per class.</param>
    /// <returns>Selected indices, ascending.</returns>
    /// <exception cref="ArgumentException">A class has fewer than <paramref name="perClass"/> samples.</exception>
    public static IReadOnlyList<int> SelectIndices(ReadOnlySpan<long> labels, int numClasses, int perClass)
    {
        var taken = new int[numClasses];
        var selected = new List<int>(numClasses * perClass);
        for (int i = 0; i < labels.Length && selected.Count < numClasses * perClass; i++)
        {
            int label = (int)labels[i];
            if (taken[label] < perClass)
            {
                taken[label]++;
                selected.Add(i);
            }
        }

        int shortClass = Array.FindIndex(taken, t => t < perClass);
        if (shortClass >= 0)
        {
            throw new ArgumentException($"class {shortClass} has only {taken[shortClass]} samples; {perClass} requested.", nameof(labels));
        }

        return selected;
    }

    /// <summary>Copies the selected images of a split.</summary>
    /// <param name="split">The full split.</param>
    /// <param name="indices">Indices from <see cref="SelectIndices"/>.</param>
    /// <returns>The subset, in the order of <paramref name="indices"/>.</returns>
    public static ImageArray Take(ImageArray split, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(indices);
        int imageBytes = split.Channels * split.Height * split.Width;
        var pixels = new byte[(long)indices.Count * imageBytes];
        var labels = new long[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Array.Copy(split.PixelArray, (long)indices[i] * imageBytes, pixels, (long)i * imageBytes, imageBytes);
            labels[i] = split.LabelArray[indices[i]];
        }

        return new ImageArray(pixels, labels, split.Channels, split.Height, split.Width);
    }

    /// <summary>Regenerates the embedded subset files from a full Fashion-MNIST directory.</summary>
    /// <param name="sourceDirectory">Directory with the four official IDX files (plain or gzipped).</param>
    /// <param name="outputDirectory">Where the four <c>.gz</c> files are written (the repository keeps them in <c>src/EnergyFacts.Torch/Data/Embedded/</c>).</param>
    public static void Write(string sourceDirectory, string outputDirectory)
    {
        var files = FashionMnistFiles.Find(sourceDirectory)
            ?? throw new DatasetFormatException($"{sourceDirectory}: the four Fashion-MNIST IDX files were not found.");
        Directory.CreateDirectory(outputDirectory);
        foreach (var (images, labels, perClass, prefix) in new[]
        {
            (files.TrainImages, files.TrainLabels, TrainPerClass, "train"),
            (files.TestImages, files.TestLabels, TestPerClass, "t10k"),
        })
        {
            var full = IdxFile.ReadSplit(images, labels, 10);
            var subset = Take(full, SelectIndices(full.Labels.Span, 10, perClass));
            IdxFile.WriteSplit(subset, Path.Combine(outputDirectory, prefix + "-images-idx3-ubyte.gz"), Path.Combine(outputDirectory, prefix + "-labels-idx1-ubyte.gz"));
        }
    }
}

namespace EnergyFacts.Torch.Data;

/// <summary>The four IDX files of an MNIST-style directory, each found plain or gzipped, under either common naming.</summary>
/// <param name="TrainImages">Training images.</param>
/// <param name="TrainLabels">Training labels.</param>
/// <param name="TestImages">Test images.</param>
/// <param name="TestLabels">Test labels.</param>
public sealed record FashionMnistFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    /// <summary>Looks for the files in <paramref name="directory"/>.</summary>
    /// <param name="directory">Candidate directory.</param>
    /// <returns>The files, or <see langword="null"/> unless all four exist.</returns>
    public static FashionMnistFiles? Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        string? Locate(string prefix, string kind) =>
            new[] { $"{prefix}-{kind}", $"{prefix}-{kind.Replace("-idx", ".idx", StringComparison.Ordinal)}" }
                .SelectMany(stem => new[] { stem, stem + ".gz" })
                .Select(name => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists);

        string? trainImages = Locate("train", "images-idx3-ubyte");
        string? trainLabels = Locate("train", "labels-idx1-ubyte");
        string? testImages = Locate("t10k", "images-idx3-ubyte");
        string? testLabels = Locate("t10k", "labels-idx1-ubyte");
        return trainImages is null || trainLabels is null || testImages is null || testLabels is null
            ? null
            : new FashionMnistFiles(trainImages, trainLabels, testImages, testLabels);
    }
}

using EnergyFacts.Torch.Data;

namespace EnergyFacts.Torch.Tests.Data;

public sealed class FashionMnistSubsetTests
{
    /// <summary>
    /// Verifies the committed subset is exactly the documented selection from the official files. Also the generator:
    /// with ENERGYFACTS_WRITE_EMBEDDED_SUBSET=&lt;dir&gt; it first writes the four .gz files there
    /// (the repository's copies were made with dir = src/EnergyFacts.Torch/Data/Embedded).
    /// </summary>
    [Fact]
    public void Embedded_subset_is_the_first_400_and_100_of_each_class_of_the_installed_full_set()
    {
        var full = FashionMnistFiles.Find(Datasets.DebianFashionMnistDirectory);
        Assert.SkipWhen(full is null, $"Fashion-MNIST is not installed at {Datasets.DebianFashionMnistDirectory} (apt-get install dataset-fashion-mnist).");
        string? output = Environment.GetEnvironmentVariable("ENERGYFACTS_WRITE_EMBEDDED_SUBSET");
        if (!string.IsNullOrEmpty(output))
        {
            FashionMnistSubset.Write(Datasets.DebianFashionMnistDirectory, output);
        }

        using var embedded = Datasets.FashionMnistEmbedded();
        var fullTrain = IdxFile.ReadSplit(full!.TrainImages, full.TrainLabels, 10);
        var expected = FashionMnistSubset.Take(fullTrain, FashionMnistSubset.SelectIndices(fullTrain.Labels.Span, 10, 400));

        Assert.Equal(4000, embedded.TrainCount);
        Assert.Equal(1000, embedded.TestCount);
        var trainFromResource = ReadEmbeddedTrain();
        Assert.Equal(expected.Pixels.ToArray(), trainFromResource.Pixels.ToArray());
        Assert.Equal(expected.Labels.ToArray(), trainFromResource.Labels.ToArray());
    }

    [Fact]
    public void Selection_is_stratified_and_in_file_order()
    {
        long[] labels = [0, 1, 0, 2, 1, 0, 2, 2, 1];

        var indices = FashionMnistSubset.SelectIndices(labels, 3, 2);

        Assert.Equal([0, 1, 2, 3, 4, 6], indices);
    }

    [Fact]
    public void Selection_fails_when_a_class_is_short()
    {
        var error = Assert.Throws<ArgumentException>(() => FashionMnistSubset.SelectIndices(new long[] { 0, 0, 1 }, 2, 2));

        Assert.Contains("class 1 has only 1 samples; 2 requested", error.Message, StringComparison.Ordinal);
    }

    private static ImageArray ReadEmbeddedTrain()
    {
        var (images, imagesLabel) = ReadResource("train-images-idx3-ubyte.gz");
        var (labels, labelsLabel) = ReadResource("train-labels-idx1-ubyte.gz");
        return IdxFile.Decode(images, imagesLabel, labels, labelsLabel, 10);
    }

    private static (byte[], string) ReadResource(string name) =>
        DatasetFile.ReadResource("EnergyFacts.Torch.Data.Embedded.fashion-mnist-subset." + name);
}

using EnergyFacts.Torch.Data;
using TorchSharp;

namespace EnergyFacts.Torch.Tests.Data;

public sealed class ImageDatasetTests
{
    [Fact]
    public void Train_batches_cover_every_sample_once_in_a_seeded_order()
    {
        using var data = Datasets.Synthetic(numClasses: 4, imageSize: 8, trainCount: 50, testCount: 10, seed: 3);

        var first = Labels(data, seed: 11);
        var again = Labels(data, seed: 11);
        var other = Labels(data, seed: 12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(Enumerable.Range(0, 4).Select(c => (long)(50 / 4 + (c < 50 % 4 ? 1 : 0))), first.GroupBy(l => l).OrderBy(g => g.Key).Select(g => (long)g.Count()));
    }

    [Fact]
    public void Batches_are_normalised_float32_nchw_with_a_short_last_batch()
    {
        using var data = Datasets.Synthetic(numClasses: 3, channels: 3, imageSize: 8, trainCount: 10, testCount: 7, seed: 1);

        var shapes = new List<long[]>();
        double sum = 0, squares = 0, n = 0;
        foreach (var batch in data.TestBatches(4, torch.CPU))
        {
            using (batch)
            {
                shapes.Add(batch.Inputs.shape);
                Assert.Equal(torch.ScalarType.Float32, batch.Inputs.dtype);
                Assert.Equal(torch.ScalarType.Int64, batch.Labels.dtype);
                sum += batch.Inputs.sum().item<float>();
                squares += batch.Inputs.square().sum().item<float>();
                n += batch.Inputs.numel();
            }
        }

        Assert.Equal([[4, 3, 8, 8], [3, 3, 8, 8]], shapes);
        // Normalised with the training split's statistics: the test split is close to zero mean, unit variance.
        Assert.InRange(sum / n, -0.2, 0.2);
        Assert.InRange(squares / n, 0.8, 1.2);
    }

    [Fact]
    public void Synthetic_data_is_identical_for_the_same_seed()
    {
        var a = SyntheticImages.Generate(20, 5, 1, 6, seed: 9, sampleSeed: 1);
        var b = SyntheticImages.Generate(20, 5, 1, 6, seed: 9, sampleSeed: 1);
        var c = SyntheticImages.Generate(20, 5, 1, 6, seed: 10, sampleSeed: 1);

        Assert.Equal(a.Pixels.ToArray(), b.Pixels.ToArray());
        Assert.NotEqual(a.Pixels.ToArray(), c.Pixels.ToArray());
    }

    [Fact]
    public void Embedded_fashion_mnist_has_its_documented_shape_and_balance()
    {
        using var data = Datasets.FashionMnistEmbedded();

        Assert.Equal(("fashion-mnist", 10, 1, 28, 4000L, 1000L), (data.Name, data.NumClasses, data.Channels, data.ImageSize, data.TrainCount, data.TestCount));
        Assert.StartsWith("embedded subset", data.Source, StringComparison.Ordinal);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
        Assert.InRange(data.ChannelMean[0], 0.25, 0.35); // Fashion-MNIST's pixel mean is about 0.286
    }

    [Fact]
    public void Full_fashion_mnist_is_preferred_when_installed()
    {
        Assert.SkipUnless(FashionMnistFiles.Find(Datasets.DebianFashionMnistDirectory) is not null, "Fashion-MNIST is not installed.");

        using var data = Datasets.FashionMnist();

        Assert.Equal((60000L, 10000L), (data.TrainCount, data.TestCount));
    }

    private static List<long> Labels(ImageDataset data, long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        var labels = new List<long>();
        foreach (var batch in data.TrainBatches(16, generator, torch.CPU))
        {
            using (batch)
            {
                labels.AddRange(batch.Labels.data<long>().ToArray());
            }
        }

        return labels;
    }
}

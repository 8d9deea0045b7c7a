using TorchSharp;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Data;

/// <summary>
/// An <see cref="IDataset"/> whose splits each live in one uint8 tensor <c>(N, C, H, W)</c> plus an int64 label
/// tensor, loaded once. Batches are gathered with <c>index_select</c> over a seeded <c>randperm</c> (no per-sample
/// tensors), converted to float32 and normalised with the training split's per-channel mean and standard deviation.
/// </summary>
public sealed class ImageDataset : IDataset
{
    private readonly Tensor _trainImages;
    private readonly Tensor _trainLabels;
    private readonly Tensor _testImages;
    private readonly Tensor _testLabels;
    private readonly float[] _meanPixels;
    private readonly float[] _stdPixels;
    private bool _disposed;

    private ImageDataset(string name, string source, int numClasses, IReadOnlyList<string> classNames, ImageArray train, ImageArray test)
    {
        Name = name;
        Source = source;
        NumClasses = numClasses;
        ClassNames = classNames;
        Channels = train.Channels;
        ImageSize = train.Height;
        TrainCount = train.Count;
        TestCount = test.Count;
        (ChannelMean, ChannelStd) = ChannelStatistics(train);
        _meanPixels = ChannelMean.Select(m => (float)(m * 255)).ToArray();
        _stdPixels = ChannelStd.Select(s => (float)(Math.Max(s, 1e-6) * 255)).ToArray();
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        _trainImages = ToTensor(train.PixelArray, train).DetachFromDisposeScope();
        _trainLabels = torch.tensor(train.LabelArray).DetachFromDisposeScope();
        _testImages = ToTensor(test.PixelArray, test).DetachFromDisposeScope();
        _testLabels = torch.tensor(test.LabelArray).DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public int NumClasses { get; }

    /// <summary>Class names by index (e.g. Fashion-MNIST's <c>T-shirt/top</c>, a class folder's name).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public int Channels { get; }

    /// <inheritdoc />
    public int ImageSize { get; }

    /// <inheritdoc />
    public long TrainCount { get; }

    /// <inheritdoc />
    public long TestCount { get; }

    /// <summary>Per-channel mean of the training pixels, in [0, 1].</summary>
    public IReadOnlyList<double> ChannelMean { get; }

    /// <summary>Per-channel standard deviation of the training pixels, in [0, 1].</summary>
    public IReadOnlyList<double> ChannelStd { get; }

    /// <summary>Builds a dataset from decoded splits.</summary>
    /// <param name="name">Short dataset name.</param>
    /// <param name="source">Where the data came from.</param>
    /// <param name="numClasses">Number of classes; every label must be below it.</param>
    /// <param name="classNames">Names by class index (<paramref name="numClasses"/> of them).</param>
    /// <param name="train">Training split.</param>
    /// <param name="test">Held-out split, same image shape.</param>
    /// <returns>The dataset (dispose it to free the tensors).</returns>
    public static ImageDataset Create(string name, string source, int numClasses, IReadOnlyList<string> classNames, ImageArray train, ImageArray test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        if (classNames.Count != numClasses)
        {
            throw new ArgumentException($"{classNames.Count} class names for {numClasses} classes.", nameof(classNames));
        }

        if (train.Height != train.Width || (test.Channels, test.Height, test.Width) != (train.Channels, train.Height, train.Width))
        {
            throw new ArgumentException($"{name}: images must be square and equal in both splits; train is {train.Channels}×{train.Height}×{train.Width}, test {test.Channels}×{test.Height}×{test.Width}.", nameof(test));
        }

        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException($"{name}: a split is empty (train {train.Count}, test {test.Count}).", nameof(train));
        }

        long outOfRange = train.LabelArray.Concat(test.LabelArray).FirstOrDefault(l => l < 0 || l >= numClasses, -1);
        if (outOfRange != -1)
        {
            throw new ArgumentException($"{name}: label {outOfRange} is outside 0..{numClasses - 1}.", nameof(train));
        }

        return new ImageDataset(name, source, numClasses, classNames, train, test);
    }

    /// <inheritdoc />
    public IEnumerable<DataBatch> TrainBatches(int batchSize, Generator shuffle, Device device)
    {
        ArgumentNullException.ThrowIfNull(shuffle);
        return Batches(_trainImages, _trainLabels, batchSize, shuffle, device);
    }

    /// <inheritdoc />
    public IEnumerable<DataBatch> TestBatches(int batchSize, Device device) => Batches(_testImages, _testLabels, batchSize, null, device);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _trainImages.Dispose();
        _trainLabels.Dispose();
        _testImages.Dispose();
        _testLabels.Dispose();
    }

    private IEnumerable<DataBatch> Batches(Tensor images, Tensor labels, int batchSize, Generator? shuffle, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentNullException.ThrowIfNull(device);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Iterate(images, labels, batchSize, shuffle, device);
    }

    private IEnumerable<DataBatch> Iterate(Tensor images, Tensor labels, int batchSize, Generator? shuffle, Device device)
    {
        long count = labels.shape[0];
        Tensor? order = null;
        try
        {
            if (shuffle is not null)
            {
                // The permutation lives for the whole epoch: keep it out of whatever scope the caller has open.
                using var scope = NewDisposeScope();
                order = randperm(count, generator: shuffle).DetachFromDisposeScope();
            }

            for (long start = 0; start < count; start += batchSize)
            {
                long length = Math.Min(batchSize, count - start);
                DataBatch batch;
                using (var scope = NewDisposeScope())
                {
                    Tensor pixels, targets;
                    if (order is null)
                    {
                        pixels = images.narrow(0, start, length);
                        targets = labels.narrow(0, start, length);
                    }
                    else
                    {
                        var index = order.narrow(0, start, length);
                        pixels = images.index_select(0, index);
                        targets = labels.index_select(0, index);
                    }

                    var mean = torch.tensor(_meanPixels, [1, Channels, 1, 1]).to(device);
                    var std = torch.tensor(_stdPixels, [1, Channels, 1, 1]).to(device);
                    var inputs = pixels.to(device).to_type(ScalarType.Float32).sub_(mean).div_(std);
                    batch = new DataBatch(inputs.DetachFromDisposeScope(), targets.to(device).DetachFromDisposeScope());
                }

                yield return batch;
            }
        }
        finally
        {
            order?.Dispose();
        }
    }

    private static Tensor ToTensor(byte[] pixels, ImageArray array) =>
        torch.tensor(pixels, [array.Count, array.Channels, array.Height, array.Width]);

    private static (double[] Mean, double[] Std) ChannelStatistics(ImageArray train)
    {
        int plane = train.Height * train.Width;
        var sum = new double[train.Channels];
        var squares = new double[train.Channels];
        byte[] pixels = train.PixelArray;
        long offset = 0;
        for (int image = 0; image < train.Count; image++)
        {
            for (int channel = 0; channel < train.Channels; channel++)
            {
                long planeSum = 0, planeSquares = 0; // exact integer sums per plane, then one conversion
                for (int p = 0; p < plane; p++, offset++)
                {
                    int v = pixels[offset];
                    planeSum += v;
                    planeSquares += v * v;
                }

                sum[channel] += planeSum / 255.0;
                squares[channel] += planeSquares / (255.0 * 255.0);
            }
        }

        double n = (double)train.Count * plane;
        var mean = sum.Select(s => s / n).ToArray();
        var std = squares.Select((s, c) => Math.Sqrt(Math.Max(s / n - mean[c] * mean[c], 0))).ToArray();
        return (mean, std);
    }
}

using TorchSharp;

namespace EnergyFacts.Torch.Data;

/// <summary>An image-classification dataset held in memory, batched by index.</summary>
public interface IDataset : IDisposable
{
    /// <summary>Short name, e.g. <c>fashion-mnist</c>, <c>cifar10</c>.</summary>
    string Name { get; }

    /// <summary>Where the data came from (a directory, <c>embedded subset</c>, <c>synthetic seed 7</c>), for reports.</summary>
    string Source { get; }

    /// <summary>Number of classes.</summary>
    int NumClasses { get; }

    /// <summary>Channels per image.</summary>
    int Channels { get; }

    /// <summary>Height and width of each (square) image.</summary>
    int ImageSize { get; }

    /// <summary>Training samples.</summary>
    long TrainCount { get; }

    /// <summary>Held-out (test/validation) samples.</summary>
    long TestCount { get; }

    /// <summary>Training batches in an order drawn from <paramref name="shuffle"/>; the last batch may be smaller.</summary>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Generator for the permutation; seed it for a reproducible order.</param>
    /// <param name="device">Device the batches are moved to.</param>
    /// <returns>Batches the caller disposes.</returns>
    IEnumerable<DataBatch> TrainBatches(int batchSize, torch.Generator shuffle, torch.Device device);

    /// <summary>Held-out batches in file order.</summary>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="device">Device the batches are moved to.</param>
    /// <returns>Batches the caller disposes.</returns>
    IEnumerable<DataBatch> TestBatches(int batchSize, torch.Device device);
}

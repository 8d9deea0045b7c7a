using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Training;

namespace EnergyFacts.Torch.Tests.Training;

/// <summary>
/// Tests that read libtorch's process-wide live-tensor count: they run alone, since any other test creating tensors
/// in parallel moves that count (it made the memory test fail under load).
/// </summary>
[CollectionDefinition(nameof(ProcessWideTensorCount), DisableParallelization = true)]
public sealed class ProcessWideTensorCount;

[Collection(nameof(ProcessWideTensorCount))]
public sealed class TrainingMemoryTests
{
    [Fact]
    public void Memory_stays_flat_across_epochs()
    {
        using var data = Datasets.Synthetic(numClasses: 4, imageSize: 16, trainCount: 640, testCount: 128, seed: 1);
        TrainingRun.SeedEverything(0);
        using var model = SmallNets.Cnn(1, 16, 4);
        var progress = new RecordingProgress();

        TrainingRun.Execute(new TrainingOptions { Device = "cpu", Threads = 1, Epochs = 5, BatchSize = 16, Seed = 42 }, model, data, progress, TestContext.Current.CancellationToken);

        // Epoch 1 may hold one-off objects (optimizer state is created at the first step); from then on nothing may accumulate.
        var live = progress.Epochs.Select(e => e.LiveTensors).ToList();
        Assert.All(live.Skip(1), count => Assert.Equal(live[1], count));
        Assert.True(live[^1] <= live[0], $"live tensors grew from {live[0]} after epoch 1 to {live[^1]} after epoch {live.Count}");
        long growth = progress.Epochs[^1].WorkingSetBytes - progress.Epochs[1].WorkingSetBytes;
        Assert.True(growth < 64L << 20, $"working set grew {growth >> 20} MiB between epoch 2 and 5");
    }

}

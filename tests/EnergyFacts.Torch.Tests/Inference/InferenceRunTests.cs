using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Inference;
using EnergyFacts.Torch.Training;

namespace EnergyFacts.Torch.Tests.Inference;

public sealed class InferenceRunTests
{
    [Fact]
    public void One_result_per_batch_size_with_consistent_counts_and_percentiles()
    {
        using var data = Datasets.Synthetic(numClasses: 4, imageSize: 8, trainCount: 16, testCount: 70, seed: 3);
        TrainingRun.SeedEverything(0);
        using var model = SmallNets.Mlp(1, 8, 4);
        var options = new InferenceOptions { BatchSizes = [1, 16, 64], WarmupBatches = 2, MeasuredBatches = 20, Device = "cpu", Threads = 1 };

        var results = InferenceRun.Execute(options, model, data, TestContext.Current.CancellationToken);

        Assert.Equal([1, 16, 64], results.Select(r => r.BatchSize));
        Assert.All(results, r =>
        {
            Assert.Equal(20, r.Batches);
            Assert.Equal(20L * r.BatchSize, r.Inferences);
            Assert.Equal(("cpu", 1), (r.Device, r.Threads));
            Assert.True(r.P50Latency > TimeSpan.Zero);
            Assert.True(r.P50Latency <= r.P95Latency);
            Assert.Equal(r.Inferences / r.TotalTime.TotalSeconds, r.SamplesPerSecond, 6);
            TestContext.Current.TestOutputHelper?.WriteLine(r.ToString());
        });
    }

    [Fact]
    public void Percentile_uses_the_nearest_rank()
    {
        var values = Enumerable.Range(1, 20).Select(i => TimeSpan.FromMilliseconds(i)).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(10), InferenceRun.Percentile(values, 0.50));
        Assert.Equal(TimeSpan.FromMilliseconds(19), InferenceRun.Percentile(values, 0.95));
        Assert.Equal(TimeSpan.FromMilliseconds(1), InferenceRun.Percentile(values, 0));
    }

    [Fact]
    public void A_batch_larger_than_the_held_out_split_is_refused()
    {
        using var data = Datasets.Synthetic(numClasses: 2, imageSize: 4, trainCount: 8, testCount: 10);
        using var model = SmallNets.Mlp(1, 4, 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InferenceRun.Measure(new InferenceOptions { Device = "cpu" }, 32, model, data, TestContext.Current.CancellationToken));

        Assert.Contains("batch size 32 exceeds the 10 held-out samples of synthetic", error.Message, StringComparison.Ordinal);
    }
}

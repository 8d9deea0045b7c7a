using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Training;
using TorchSharp;

namespace EnergyFacts.Torch.Tests.Training;

public sealed class TrainingRunTests
{
    private static readonly TrainingOptions Cpu = new() { Device = "cpu", Threads = 1, Epochs = 2, BatchSize = 32, Seed = 42 };

    [Fact]
    public void Same_seed_gives_an_identical_loss_curve_and_another_seed_does_not()
    {
        using var data = Datasets.Synthetic(numClasses: 5, imageSize: 12, trainCount: 400, testCount: 100, seed: 5);

        var first = Curve(data, seed: 42);
        var second = Curve(data, seed: 42);
        var other = Curve(data, seed: 43);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Reports_each_epoch_and_every_sample_to_the_progress_sink()
    {
        using var data = Datasets.Synthetic(numClasses: 3, imageSize: 8, trainCount: 90, testCount: 30, seed: 2);
        TrainingRun.SeedEverything(0);
        using var model = SmallNets.Mlp(1, 8, 3);
        var progress = new RecordingProgress();

        var report = TrainingRun.Execute(Cpu with { Epochs = 3 }, model, data, progress, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], progress.Epochs.Select(e => e.Epoch));
        Assert.Equal([90L, 90, 90], progress.Samples);
        Assert.Equal(progress.Epochs, report.Epochs);
        Assert.Equal(("cpu", 1, "synthetic"), (report.Device, report.Threads, report.Dataset));
        Assert.Equal((8 * 8 * 128) + 128 + (128 * 3) + 3, report.Parameters);
        Assert.All(report.Epochs, e => Assert.InRange(e.EvalTop1, 0, e.EvalTop5));
        Assert.Equal(1.0, report.Final.EvalTop5); // k = min(5, 3 classes) = 3: every label is in the top 3
    }

    [Fact]
    public void An_mlp_and_a_cnn_learn_the_embedded_fashion_mnist_subset()
    {
        using var data = Datasets.FashionMnistEmbedded();
        var results = new List<double>();
        foreach (var build in new Func<torch.nn.Module<torch.Tensor, torch.Tensor>>[] { () => SmallNets.Mlp(1, 28, 10), () => SmallNets.Cnn(1, 28, 10) })
        {
            TrainingRun.SeedEverything(7);
            using var model = build();
            var report = TrainingRun.Execute(Cpu with { Epochs = 2, BatchSize = 64, LearningRate = 2e-3, WarmupEpochs = 0.2 }, model, data, new RecordingProgress(), TestContext.Current.CancellationToken);
            Assert.True(report.Final.TrainLoss < report.Epochs[0].TrainLoss);
            results.Add(report.Final.EvalTop1);
        }

        Assert.True(results[0] >= 0.75, $"MLP top-1 {results[0]:P1}");
        Assert.True(results[1] >= 0.75, $"CNN top-1 {results[1]:P1}");
    }

    [Fact]
    public void Best_and_last_checkpoints_reload_into_a_fresh_model()
    {
        using var data = Datasets.Synthetic(numClasses: 3, imageSize: 8, trainCount: 96, testCount: 24, seed: 4);
        using var dir = new Data.TempDirectory();
        TrainingRun.SeedEverything(0);
        using var model = SmallNets.Mlp(1, 8, 3);

        var report = TrainingRun.Execute(Cpu with { CheckpointDirectory = dir.Path, Optimizer = OptimizerKind.Sgd, LearningRate = 0.05 }, model, data, new RecordingProgress(), TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(dir.Path, "best.pt"), report.BestCheckpoint);
        Assert.Equal(Path.Combine(dir.Path, "last.pt"), report.LastCheckpoint);
        using var reloaded = SmallNets.Mlp(1, 8, 3);
        reloaded.load(report.LastCheckpoint!);
        using var input = torch.randn(4, 1, 8, 8);
        model.eval();
        reloaded.eval();
        Assert.True(model.forward(input).allclose(reloaded.forward(input)));
        Assert.True(File.Exists(report.BestCheckpoint));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public void Cuda_without_a_gpu_fails_before_training_with_a_clear_message()
    {
        Assert.SkipWhen(torch.cuda.is_available(), "this machine has CUDA");
        using var data = Datasets.Synthetic(numClasses: 2, imageSize: 4, trainCount: 8, testCount: 4);
        using var model = SmallNets.Mlp(1, 4, 2);
        var progress = new RecordingProgress();

        var error = Assert.Throws<TorchUnavailableException>(() => TrainingRun.Execute(Cpu with { Device = "cuda" }, model, data, progress, TestContext.Current.CancellationToken));

        Assert.Contains("CUDA is not available", error.Message, StringComparison.Ordinal);
        Assert.Empty(progress.Epochs);
    }

    [Fact]
    public void A_nan_loss_stops_the_run_after_reporting_its_epoch_and_names_the_epoch_and_the_kernels()
    {
        using var data = Datasets.Synthetic(numClasses: 3, imageSize: 8, trainCount: 60, testCount: 30, seed: 4);
        TrainingRun.SeedEverything(0);
        using var model = SmallNets.Mlp(1, 8, 3, hidden: 16);
        using (torch.no_grad())
        {
            model.parameters().Last().fill_(double.NaN); // fc2's bias: every logit, so every loss, is NaN
        }

        var progress = new RecordingProgress();

        var diverged = Assert.Throws<TrainingDivergedException>(() =>
            TrainingRun.Execute(Cpu with { Epochs = 3 }, model, data, progress, TestContext.Current.CancellationToken));

        Assert.Equal(1, diverged.Epoch);
        Assert.True(double.IsNaN(diverged.TrainLoss) && double.IsNaN(diverged.EvalLoss));
        Assert.Equal([1], progress.Epochs.Select(e => e.Epoch)); // the epoch that diverged is still reported
        Assert.Contains("training loss of epoch 1 is NaN", diverged.Message, StringComparison.Ordinal);
        Assert.Contains(OneDnnIsa.Variable, diverged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var data = Datasets.Synthetic(numClasses: 2, imageSize: 4, trainCount: 64, testCount: 8);
        using var model = SmallNets.Mlp(1, 4, 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => TrainingRun.Execute(Cpu, model, data, new RecordingProgress(), cancelled.Token));
    }

    [Fact]
    public void Bad_options_name_the_value_and_what_is_allowed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (Cpu with { WarmupEpochs = 3 }).Validate());

        Assert.Contains("TrainingOptions.WarmupEpochs = 3; it must be within [0, 2] (Epochs)", error.Message, StringComparison.Ordinal);
    }

    private static List<double> Curve(IDataset data, long seed)
    {
        TrainingRun.SeedEverything(seed);
        using var model = SmallNets.Mlp(1, 12, 5, hidden: 32);
        var report = TrainingRun.Execute(Cpu with { Seed = seed, Optimizer = OptimizerKind.Sgd, LearningRate = 0.05 }, model, data, new RecordingProgress(), TestContext.Current.CancellationToken);
        return report.Epochs.SelectMany(e => new[] { e.TrainLoss, e.EvalLoss, e.EvalTop1 }).ToList();
    }
}

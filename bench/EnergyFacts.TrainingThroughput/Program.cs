using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnergyFacts.Experiments;
using EnergyFacts.Torch;
using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;
using TorchSharp;

// One run of the side-by-side training benchmark: EnergyFacts.Torch's TrainingRun on the embedded Fashion-MNIST
// subset, with the default suite's recipes, timed per phase; one JSON line on stdout (bench/training-throughput/run.py
// interleaves these with the PyTorch runs of pytorch_train.py and prints the ratio table).
var options = RunArguments.Parse(args);
var clock = Stopwatch.StartNew();
TorchRuntime.EnsureLoaded();
var loaded = clock.Elapsed;
int intraOp = TorchThreads.Apply(options.Threads);
if (options.InterOpThreads is int interOp)
{
    torch.set_num_interop_threads(interOp);
}

using var data = Datasets.FashionMnistEmbedded();
var decoded = clock.Elapsed;
TrainingRun.SeedEverything(options.Seed);
using var model = ModelZoo.Create(options.Model, ModelOptions.FashionMnist);
var built = clock.Elapsed;

var recipe = SubsetRecipes.For(options.Model) with
{
    Epochs = options.Epochs,
    BatchSize = options.Batch,
    Device = "cpu",
    Seed = options.Seed,
    Threads = options.Threads,
};
var progress = new EpochCollector();
var report = TrainingRun.Execute(recipe, model, data, progress, CancellationToken.None);
var finished = clock.Elapsed;

var line = new Dictionary<string, object?>
{
    ["impl"] = "energyfacts",
    ["torch"] = $"TorchSharp {typeof(torch).Assembly.GetName().Version} / libtorch {torch.__version__}",
    ["model"] = options.Model,
    ["batch"] = options.Batch,
    ["threads"] = intraOp,
    ["interop_threads"] = torch.get_num_interop_threads(),
    ["seed"] = options.Seed,
    ["parameters"] = report.Parameters,
    ["setup_s"] = new Dictionary<string, double>
    {
        ["load"] = loaded.TotalSeconds,
        ["data"] = (decoded - loaded).TotalSeconds,
        ["model"] = (built - decoded).TotalSeconds,
    },
    ["epochs"] = report.Epochs.Select(e => new Dictionary<string, double>
    {
        ["train_s"] = e.TrainTime.TotalSeconds,
        ["eval_s"] = e.EvalTime.TotalSeconds,
        ["train_samples"] = e.TrainSamples,
        ["train_loss"] = e.TrainLoss,
        ["eval_top1"] = e.EvalTop1,
    }).ToList(),
    ["train_samples_per_s"] = report.TrainSamplesPerSecond,
    ["wall_s"] = finished.TotalSeconds,
};
Console.WriteLine(JsonSerializer.Serialize(line));
return 0;

internal sealed record RunArguments(string Model, int Batch, int Epochs, int? Threads, int? InterOpThreads, long Seed)
{
    public static RunArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs; got '{args[i]}'. Names: --model --batch --epochs --threads --interop-threads --seed.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int? Int(string name) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        return new RunArguments(
            values.GetValueOrDefault("model", "lenet"),
            Int("batch") ?? 64,
            Int("epochs") ?? 2,
            Int("threads"),
            Int("interop-threads"),
            Int("seed") ?? 1);
    }
}

internal sealed class EpochCollector : ITrainingProgress
{
    public void ReportEpoch(EpochMetrics metrics) => Console.Error.WriteLine(metrics);

    public void AddSamples(long count)
    {
    }
}

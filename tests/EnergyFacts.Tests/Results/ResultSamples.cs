using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

/// <summary>Deterministic inputs for result rows: a replayed 100 W CPU / 5 W RAM window of 10 s on a fixed host.</summary>
internal static class ResultSamples
{
    public static readonly Guid RunId = new("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

    public static readonly DateTimeOffset StartedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static HostInfo Host { get; } = new()
    {
        Os = "Linux-6.1.0-test-amd64-x86_64-with-debian12",
        RuntimeVersion = ".NET 10.0.0",
        HarnessVersion = "energyfacts-0.1.0",
        CpuCount = 2,
        CpuModel = "Test CPU, 2 cores @ 2.00GHz",
        RamTotalSizeGigabytes = 23.5,
    };

    public static AccountingSettings France { get; } = new("FRA", pue: 1.2, wue: 1.8);

    public static EnergyMeasurement Measurement(double cpuWatts = 100, double ramWatts = 5, double seconds = 10, int cpuFaults = 0)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        return new EnergyMeasurement
        {
            StartedAt = StartedAt,
            Duration = duration,
            Components =
            [
                new ComponentEnergy(PowerComponent.Cpu, new Joules(cpuWatts * seconds), new Watts(cpuWatts), EnergySource.Replayed, ["replay:cpu"], cpuFaults),
                new ComponentEnergy(PowerComponent.Gpu, Joules.Zero, Watts.Zero, null, [], 0),
                new ComponentEnergy(PowerComponent.Ram, new Joules(ramWatts * seconds), new Watts(ramWatts), EnergySource.Estimated, ["ram-model"], 0),
            ],
            SampleCount = 101,
            Interval = TimeSpan.FromMilliseconds(100),
            SamplerCpuTime = TimeSpan.FromMilliseconds(12.5),
        };
    }

    public static ExperimentOutcome Outcome(
        string experimentId = "EnergyFacts.Tests.Samples.Train(resnet18,64,2)",
        int trial = 1,
        int trials = 1,
        ExperimentStatus status = ExperimentStatus.Passed,
        string? message = null) => new()
        {
            ProjectName = "EnergyFacts.Tests",
            RunId = RunId,
            ExperimentId = experimentId,
            ExperimentName = "Train [resnet18 | batch=64 | epochs=2]",
            Model = "resnet18",
            Dataset = "cifar10-synthetic",
            Epochs = 2,
            BatchSize = 64,
            Trial = trial,
            Trials = trials,
            Seed = 42,
            Device = "cpu",
            Samples = 1024,
            History =
            [
                new EpochRecord(1, 2.25, 2.0, 0.375, 0.8125, 0.1, 512, TimeSpan.FromSeconds(4.5)),
                new EpochRecord(2, 1.5, 1.25, 0.625, 0.9375, 0.05, 512, TimeSpan.FromSeconds(5.25)),
            ],
            Status = status,
            Budget = "MaxKilowattHours=1E-05",
            Message = message,
            Probes = "replay:trace.csv,ram-model",
        };

    public static ResultRow Row(
        string experimentId = "EnergyFacts.Tests.Samples.Train(resnet18,64,2)",
        int trial = 1,
        int trials = 1,
        ExperimentStatus status = ExperimentStatus.Passed,
        string? message = null,
        double cpuWatts = 100,
        double seconds = 10) =>
        ResultRowFactory.Create(
            Measurement(cpuWatts: cpuWatts, seconds: seconds),
            Outcome(experimentId, trial, trials, status, message),
            France,
            CarbonIntensityTable.Default.Lookup(France.CountryIsoCode),
            Host);

    /// <summary>A fresh empty folder under the temp directory, deleted when disposed.</summary>
    public static TemporaryFolder NewFolder() => new();

    internal sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "energyfacts-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; never fail a test over cleanup.
            }
        }
    }
}

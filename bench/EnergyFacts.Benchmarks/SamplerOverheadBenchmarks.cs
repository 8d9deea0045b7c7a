using BenchmarkDotNet.Attributes;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Benchmarks;

/// <summary>
/// The same CPU-bound workload with no sampler (baseline) and with the sampler running the probes <c>auto</c> picks on
/// this machine at 100, 10 and 1 ms; the ratio column is the harness's overhead, measured in one run.
/// </summary>
[MemoryDiagnoser]
[MinIterationCount(8)]
[MaxIterationCount(20)]
public class SamplerOverheadBenchmarks
{
    private ProbeSelection? probes;
    private double[] left = [];
    private double[] right = [];

    /// <summary>Matrix products per operation: 2 (about 40 ms) shows the fixed cost of a window, 20 (about 0.4 s) the per-tick cost.</summary>
    [Params(2, 20)]
    public int Products { get; set; }

    /// <summary>Sampling interval in ms of the measured variant.</summary>
    [Params(100, 10, 1)]
    public int IntervalMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = DefaultProbeProviders.CreateCatalog();
        probes = catalog.Select("auto", new ProbeSettings([], Environment.CurrentDirectory));
        var random = new Random(42);
        left = [.. Enumerable.Range(0, 256 * 256).Select(_ => random.NextDouble())];
        right = [.. Enumerable.Range(0, 256 * 256).Select(_ => random.NextDouble())];
    }

    [GlobalCleanup]
    public void Cleanup() => probes?.Dispose();

    /// <summary><see cref="Products"/> 256×256 matrix products (33.5 MFLOP each) with no sampler.</summary>
    [Benchmark(Baseline = true)]
    public double Unmeasured() => MultiplyTrace();

    /// <summary>The same workload inside a sampler window.</summary>
    [Benchmark]
    public double Measured()
    {
        using var sampler = new EnergySampler(probes!.Probes, TimeSpan.FromMilliseconds(IntervalMs));
        sampler.Start();
        var result = MultiplyTrace();
        sampler.Stop();
        return result;
    }

    private double MultiplyTrace()
    {
        const int n = 256;
        double trace = 0;
        for (var rep = 0; rep < Products; rep++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (var k = 0; k < n; k++)
                    {
                        sum += left[(i * n) + k] * right[(k * n) + j];
                    }

                    if (i == j)
                    {
                        trace += sum;
                    }
                }
            }
        }

        return trace;
    }
}

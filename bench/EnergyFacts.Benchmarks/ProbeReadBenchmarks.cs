using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Estimators;
using EnergyFacts.Probes.Nvml;
using EnergyFacts.Probes.Rapl;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Benchmarks;

/// <summary>
/// Cost of one read of each probe on the sampler's hot path. RAPL reads a fake powercap tree on tmpfs (/dev/shm), so it
/// measures our pread + parse, not the kernel's MSR read; NVML calls a fake libnvidia-ml through the real function
/// pointers, so it measures the P/Invoke path, not the driver.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ProbeReadBenchmarks
{
    private readonly string scratch = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "energyfacts-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    private IEnergyCounter rapl = null!;
    private IEnergyCounter cpuModel = null!;
    private IPowerSensor ramModel = null!;
    private IPowerSensor constant = null!;
    private IEnergyCounter replay = null!;
    private IEnergyCounter nvml = null!;
    private long tick;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(scratch);
        var settings = new ProbeSettings([], scratch);

        var zone = Path.Combine(scratch, "powercap", "intel-rapl:0");
        Directory.CreateDirectory(zone);
        File.WriteAllText(Path.Combine(zone, "name"), "package-0\n");
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "123456789012\n");
        File.WriteAllText(Path.Combine(zone, "max_energy_range_uj"), "262143328850\n");
        rapl = (IEnergyCounter)Single(new RaplProbeProvider().Offer(null,
            settings.With(RaplProbeProvider.RootSetting, Path.Combine(scratch, "powercap"))));

        cpuModel = (IEnergyCounter)Single(new CpuModelProbeProvider().Offer(null, settings));
        ramModel = (IPowerSensor)Single(new RamModelProbeProvider().Offer(null, settings));
        constant = (IPowerSensor)Single(new ConstantProbeProvider().Offer("cpu=95", settings));

        var trace = Path.Combine(scratch, "trace.csv");
        var rows = new StringBuilder(PowerTrace.Header).Append('\n');
        for (var i = 0; i <= 3600; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{i},{50 + (i % 7)},{200 + (i % 13)},{5}\n");
        }

        File.WriteAllText(trace, rows.ToString());
        replay = (IEnergyCounter)new ReplayProbeProvider().Offer(trace, settings).Probes[0];

        var library = CompileFakeNvml();
        nvml = (IEnergyCounter)Single(new NvmlProbeProvider().Offer(null, settings.With(NvmlProbeProvider.LibrarySetting, library)));

        foreach (var probe in new IPowerProbe[] { rapl, cpuModel, ramModel, constant, replay, nvml })
        {
            probe.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var probe in new IPowerProbe[] { rapl, cpuModel, ramModel, constant, replay, nvml })
        {
            probe.Dispose();
        }

        Directory.Delete(scratch, recursive: true);
    }

    private TimeSpan Next() => TimeSpan.FromMilliseconds(++tick % 3_600_000);

    /// <summary>A probe that only returns a field: the floor (often indistinguishable from BenchmarkDotNet's overhead).</summary>
    [Benchmark]
    public double Constant() => constant.TryReadPower(Next(), out var w) ? w.Value : -1;

    /// <summary>pread of energy_uj on tmpfs, parse, unwrap; the baseline of the ratios.</summary>
    [Benchmark(Baseline = true)]
    public double Rapl() => rapl.TryReadEnergy(Next(), out var j) ? j.Value : -1;

    /// <summary>clock_gettime(CLOCK_PROCESS_CPUTIME_ID).</summary>
    [Benchmark]
    public double CpuModel() => cpuModel.TryReadEnergy(Next(), out var j) ? j.Value : -1;

    /// <summary>pread of /proc/self/statm.</summary>
    [Benchmark]
    public double RamModel() => ramModel.TryReadPower(Next(), out var w) ? w.Value : -1;

    /// <summary>Exact integral of a 3,601-row trace up to the elapsed time.</summary>
    [Benchmark]
    public double Replay() => replay.TryReadEnergy(Next(), out var j) ? j.Value : -1;

    /// <summary>nvmlDeviceGetTotalEnergyConsumption through a function pointer into the fake library.</summary>
    [Benchmark]
    public double Nvml() => nvml.TryReadEnergy(Next(), out var j) ? j.Value : -1;

    private static IPowerProbe Single(ProbeOffer offer) =>
        offer.Probes.Count == 1 ? offer.Probes[0] : throw new InvalidOperationException(
            $"expected one probe, got {offer.Probes.Count}: {offer.UnavailableReason}");

    private string CompileFakeNvml()
    {
        var source = Path.Combine(scratch, "fake_nvml.c");
        using (var resource = typeof(ProbeReadBenchmarks).Assembly.GetManifestResourceStream("fake_nvml.c")
            ?? throw new InvalidOperationException("fake_nvml.c resource missing"))
        using (var file = File.Create(source))
        {
            resource.CopyTo(file);
        }

        var output = Path.Combine(scratch, "libfake-nvml.so");
        using var cc = Process.Start(new ProcessStartInfo("cc", ["-shared", "-fPIC", "-O2", "-o", output, source])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("cc did not start");
        var errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        if (cc.ExitCode != 0)
        {
            throw new InvalidOperationException("cc failed: " + errors);
        }

        // Give the fake counter a value so reads take the success path.
        var handle = NativeLibrary.Load(output);
        unsafe
        {
            var set = (delegate* unmanaged[Cdecl]<byte*, int, long, void>)NativeLibrary.GetExport(handle, "fake_nvml_set");
            fixed (byte* key = "energy_mj\0"u8)
            {
                set(key, 0, 1_000_000);
            }
        }

        return output;
    }
}

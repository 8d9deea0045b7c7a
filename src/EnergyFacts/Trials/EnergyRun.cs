using System.Collections.Concurrent;
using EnergyFacts.Accounting;
using EnergyFacts.Configuration;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// What every trial of one test session shares, built once per session and handed to each trial: the settings, the
/// run id, the probes, the emissions calculator, the sinks, the host, the idle baseline and the experiment gate.
/// Parts are built on first use, inside the trial that needs them, so a session without experiments opens nothing.
/// </summary>
internal sealed class EnergyRun : IDisposable
{
    private readonly Lazy<ProbeSelection> probes;
    private readonly Lazy<EmissionsCalculator> emissions;
    private readonly Lazy<CompositeResultSink> sinks;
    private readonly Lazy<HostInfo> host;
    private readonly Lazy<IdleBaseline?> idle;
    private readonly Lazy<bool> torchEnvironment;
    private int probesAnnounced;
    private int idleAnnounced;

    public EnergyRun(RunConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        var settings = configuration.Settings;
        Gate = new ExperimentGate(settings.ExperimentLockFile, settings.LockTimeout);
        probes = new(() => DefaultProbeProviders.CreateCatalog().Select(settings.Probes, settings.ProbeSettings), LazyThreadSafetyMode.ExecutionAndPublication);
        emissions = new(() => EmissionsCalculator.For(new AccountingSettings(settings.Country, settings.Pue)), LazyThreadSafetyMode.ExecutionAndPublication);
        sinks = new(() => DefaultResultSinks.Create(settings.ResultsDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
        host = new(CaptureHost, LazyThreadSafetyMode.ExecutionAndPublication);
        idle = new(
            () => settings.IdleBaseline > TimeSpan.Zero ? new IdleBaselineMeter().Measure(Probes.Probes, settings.IdleBaseline, settings.Interval) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        torchEnvironment = new(ExportTorchEnvironment, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RunConfiguration Configuration { get; }

    public EnergyFactsSettings Settings => Configuration.Settings;

    public Guid RunId => Configuration.RunId;

    public ExperimentGate Gate { get; }

    /// <summary>The probes; throws the same configuration error for every trial when they cannot be chosen.</summary>
    public ProbeSelection Probes => probes.Value;

    /// <summary>Energy → emissions for this run's country and PUE.</summary>
    public EmissionsCalculator Emissions => emissions.Value;

    /// <summary>The results sinks; an unwritable folder fails every trial before it measures.</summary>
    public CompositeResultSink Sinks => sinks.Value;

    /// <summary>The machine, captured once.</summary>
    public HostInfo Host => host.Value;

    /// <summary>The idle baseline, measured once before the first trial when asked for (inside the gate).</summary>
    public IdleBaseline? Idle => idle.Value;

    /// <summary>Rows of earlier trials, by case id, for the statistics written with a case's last trial.</summary>
    public ConcurrentDictionary<string, List<ResultRow>> TrialRows { get; } = new(StringComparer.Ordinal);

    /// <summary>True exactly once per run: the first trial prints the probes' choice.</summary>
    public bool ClaimProbeAnnouncement() => Interlocked.Exchange(ref probesAnnounced, 1) == 0;

    /// <summary>True exactly once per run: the first trial after the idle measurement prints it.</summary>
    public bool ClaimIdleAnnouncement() => Interlocked.Exchange(ref idleAnnounced, 1) == 0;

    /// <summary>Makes the Torch settings visible to EnergyFacts.Torch, which reads only its environment variables.</summary>
    public void PrepareTorchEnvironment() => _ = torchEnvironment.Value;

    public void Dispose()
    {
        if (probes.IsValueCreated)
        {
            probes.Value.Dispose();
        }
    }

    private bool ExportTorchEnvironment()
    {
        foreach (var (variable, value) in Settings.TorchEnvironment)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }

        return true;
    }

    private HostInfo CaptureHost()
    {
        var gpus = Probes.Probes.Where(p => p.Descriptor.Component == PowerComponent.Gpu && p.Descriptor.Source == EnergySource.Measured).ToList();
        var names = gpus.Select(p => p.Descriptor.DeviceName).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
        return HostInfo.Capture(gpus.Count, string.Join(", ", names));
    }
}

using System.Collections.Concurrent;
using System.Reflection;
using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Platform;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Results;

namespace EnergyFacts.Framework;

/// <summary>
/// What all experiments of one test process share: the frozen settings, the run id and the chosen probes. Built on the
/// first experiment; a configuration error is kept and fails every experiment with the same clear message.
/// </summary>
internal sealed class EnergyRunState
{
    private static readonly Lazy<EnergyRunState> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<ProbeSelection> probes;
    private readonly Lazy<EmissionsCalculator> emissions;
    private readonly Lazy<CompositeResultSink> sinks;
    private readonly Lazy<HostInfo> host;
    private readonly Lazy<IdleBaseline?> idle;

    private EnergyRunState(EnergyFactsSettings? settings, Exception? settingsError)
    {
        Settings = settings;
        SettingsError = settingsError;
        probes = new Lazy<ProbeSelection>(SelectProbes, LazyThreadSafetyMode.ExecutionAndPublication);
        emissions = new Lazy<EmissionsCalculator>(
            () => EmissionsCalculator.For(new AccountingSettings(RequireSettings().Country, RequireSettings().Pue)),
            LazyThreadSafetyMode.ExecutionAndPublication);
        sinks = new Lazy<CompositeResultSink>(
            () => DefaultResultSinks.Create(RequireSettings().ResultsDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
        host = new Lazy<HostInfo>(CaptureHost, LazyThreadSafetyMode.ExecutionAndPublication);
        idle = new Lazy<IdleBaseline?>(
            () => RequireSettings().IdleBaseline is { } seconds && seconds > TimeSpan.Zero
                ? new IdleBaselineMeter().Measure(Probes.Probes, seconds, RequireSettings().Interval)
                : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether any experiment touched the run state (so there is something to summarise).</summary>
    public static bool Started => Shared.IsValueCreated;

    public static EnergyRunState Current => Shared.Value;

    public Guid RunId { get; } = Guid.NewGuid();

    public EnergyFactsSettings? Settings { get; }

    public Exception? SettingsError { get; }

    public ExperimentGate Gate { get; } = ExperimentGate.Machine;

    /// <summary>Whether the probes' choice has been announced in a test's output yet.</summary>
    public int ProbeChoiceAnnounced;

    /// <summary>Whether the idle baseline has been announced in a test's output yet.</summary>
    public int IdleAnnounced;

    public EnergyFactsSettings RequireSettings() =>
        Settings ?? throw new EnergyFactsConfigurationException(SettingsError!.Message, SettingsError);

    /// <summary>The probes; throws the same configuration error for every experiment when they cannot be chosen.</summary>
    public ProbeSelection Probes => probes.Value;

    /// <summary>Energy → emissions for this run's country and PUE; an unknown country fails every experiment.</summary>
    public EmissionsCalculator Emissions => emissions.Value;

    /// <summary>The results sinks; an unwritable folder fails every experiment before it runs.</summary>
    public CompositeResultSink Sinks => sinks.Value;

    /// <summary>The machine, captured once.</summary>
    public HostInfo Host => host.Value;

    /// <summary>The idle baseline, measured once before the first experiment when asked for (inside the gate).</summary>
    public IdleBaseline? Idle => idle.Value;

    /// <summary>Rows of earlier trials, by case id, for the statistics written with the last trial.</summary>
    public ConcurrentDictionary<string, List<ResultRow>> TrialRows { get; } = new(StringComparer.Ordinal);

    private static EnergyRunState Create()
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string && e.Value is string)
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        var project = Assembly.GetEntryAssembly()?.GetName().Name ?? "energyfacts";
        try
        {
            var settings = EnergyFactsSettings.Merge(environment, CommandLineOverrides.Current, AppContext.BaseDirectory, project);
            return new EnergyRunState(settings, null);
        }
        catch (EnergyFactsConfigurationException ex)
        {
            return new EnergyRunState(null, ex);
        }
    }

    private HostInfo CaptureHost()
    {
        var gpus = Probes.Probes.Where(p => p.Descriptor.Component == PowerComponent.Gpu && p.Descriptor.Source == EnergySource.Measured).ToList();
        var names = gpus.Select(p => p.Descriptor.DeviceName).Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList();
        return HostInfo.Capture(gpus.Count, string.Join(", ", names));
    }

    private ProbeSelection SelectProbes()
    {
        var settings = RequireSettings();
        var catalog = DefaultProbeProviders.CreateCatalog();
        return catalog.Select(settings.Probes, ProbeEnvironment.Capture(catalog, Environment.CurrentDirectory));
    }
}

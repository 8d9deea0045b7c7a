using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using EnergyFacts.Accounting;
using EnergyFacts.Configuration;
using EnergyFacts.Gates;
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
    private readonly Lazy<BaselineRead?> baseline;
    private readonly ConcurrentDictionary<ExperimentKey, CaseMeasurement> gatedCases = new();
    private readonly ConcurrentDictionary<long, Action<string>> openTrials = new();
    private readonly ConcurrentDictionary<string, bool> extraTrialWanted = new(StringComparer.Ordinal);
    private readonly PosixSignalRegistration[] signalRegistrations = [];
    private long lastTrialTicket;
    private int probesAnnounced;
    private int idleAnnounced;

    public EnergyRun(RunConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        var settings = configuration.Settings;
        Gate = new ExperimentGate(settings.ExperimentLockFile, settings.LockTimeout);
        probes = new(() => DefaultProbeProviders.CreateCatalog().Select(settings.Probes, settings.ProbeSettings), LazyThreadSafetyMode.ExecutionAndPublication);
        // Intensity: explicit --energy-carbon-intensity > cloud region > country > world average (CarbonIntensityChoice).
        emissions = new(
            () => new EmissionsCalculator(
                new AccountingSettings(settings.Country, settings.Pue),
                CarbonIntensityChoice.Choose(settings.CarbonIntensity, CloudRegion, settings.Country)),
            LazyThreadSafetyMode.ExecutionAndPublication);
        sinks = new(() => DefaultResultSinks.Create(settings.ResultsDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
        host = new(CaptureHost, LazyThreadSafetyMode.ExecutionAndPublication);
        idle = new(
            () => settings.IdleBaseline > TimeSpan.Zero ? new IdleBaselineMeter().Measure(Probes.Probes, settings.IdleBaseline, settings.Interval) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        torchEnvironment = new(ExportTorchEnvironment, LazyThreadSafetyMode.ExecutionAndPublication);
        baseline = new(
            () => settings.Gates.BaselinePath is { } path ? BaselineFile.Read(path) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        AppDomain.CurrentDomain.ProcessExit += WriteOpenTrialsOnExit;

        // SIGTERM (a CI runner's cancel, docker stop, systemd) and SIGHUP (terminal closed) end the process without
        // ProcessExit; the handler writes open trials' rows and lets the signal's default action go on.
        if (!OperatingSystem.IsWindows())
        {
            signalRegistrations = [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, WriteOpenTrialsOnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGHUP, WriteOpenTrialsOnSignal)];
        }
    }

    /// <summary>
    /// Ends the process after a trial was given up on (its body ignored cancellation): .NET cannot stop a running
    /// thread, so the process would otherwise never exit. Takes the exit code and the line to print; tests replace it.
    /// </summary>
    public Action<int, string> EndProcess { get; init; } = (exitCode, line) =>
    {
        Console.Error.WriteLine(line);
        Environment.Exit(exitCode);
    };

    public RunConfiguration Configuration { get; }

    public EnergyFactsSettings Settings => Configuration.Settings;

    public Guid RunId => Configuration.RunId;

    public ExperimentGate Gate { get; }

    /// <summary>The probes; throws the same configuration error for every trial when they cannot be chosen.</summary>
    public ProbeSelection Probes => probes.Value;

    /// <summary>Energy → emissions for this run's country and PUE.</summary>
    public EmissionsCalculator Emissions => emissions.Value;

    /// <summary>The cloud region of <c>--energy-cloud</c>, or <see langword="null"/> off-cloud.</summary>
    public CloudRegion? CloudRegion => Settings.Cloud is { } cloud ? CloudRegionTable.Default.Lookup(cloud) : null;

    /// <summary>The results sinks; an unwritable folder fails every trial before it measures.</summary>
    public CompositeResultSink Sinks => sinks.Value;

    /// <summary>The machine, captured once.</summary>
    public HostInfo Host => host.Value;

    /// <summary>The idle baseline, measured once before the first trial when asked for (inside the gate).</summary>
    public IdleBaseline? Idle => idle.Value;

    /// <summary>Rows of earlier trials, by case id, for the statistics written with a case's last trial.</summary>
    public ConcurrentDictionary<string, List<ResultRow>> TrialRows { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The regression gate's baseline, read once (<see langword="null"/> when no baseline is configured; a missing file
    /// is <see cref="BaselineRead.IsMissing"/>, a first run).
    /// </summary>
    /// <exception cref="BaselineFormatException">The file is not a baseline this version reads (file and position named).</exception>
    public BaselineRead? Baseline => baseline.Value;

    /// <summary>Keeps a case whose every trial passed, for <c>--energy-update-baseline</c> at the end of the run.</summary>
    public void RecordForBaseline(CaseMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        gatedCases[measurement.Key] = measurement;
    }

    /// <summary>Drops a case from the baseline update: one of its trials (an extra trial) did not pass.</summary>
    public void ForgetForBaseline(ExperimentKey key) => gatedCases.TryRemove(key, out _);

    /// <summary>Records whether the gate asks for one more trial of the case, after judging its latest trial.</summary>
    public void RecordExtraTrialWanted(string caseId, bool wanted)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        extraTrialWanted[caseId] = wanted;
    }

    /// <summary>
    /// Whether the case's latest judged trial asked for one more trial; the request is taken (cleared), so a trial that
    /// never reaches the gate (it could not start) ends the follow-up instead of repeating it.
    /// </summary>
    public bool TakeExtraTrialWanted(string caseId) => extraTrialWanted.TryRemove(caseId, out var wanted) && wanted;

    /// <summary>
    /// With <c>--energy-update-baseline</c>, writes the baseline refreshed with this run's cases (others kept as they
    /// were), sorted, so its diff in a pull request shows exactly the cases that changed; returns the path, or null.
    /// </summary>
    public string? WriteBaselineIfAsked()
    {
        var gates = Settings.Gates;
        if (!gates.UpdateBaseline || gates.BaselinePath is not { } path || gatedCases.IsEmpty)
        {
            return null;
        }

        var existing = File.Exists(path) ? BaselineFile.Read(path).Baseline : null;
        var refreshed = existing is null ? new Baseline(gatedCases.Values) : existing.Refresh(gatedCases.Values);
        BaselineFile.Write(path, refreshed);
        return path;
    }

    /// <summary>True exactly once per run: the first trial prints the probes' choice.</summary>
    public bool ClaimProbeAnnouncement() => Interlocked.Exchange(ref probesAnnounced, 1) == 0;

    /// <summary>True exactly once per run: the first trial after the idle measurement prints it.</summary>
    public bool ClaimIdleAnnouncement() => Interlocked.Exchange(ref idleAnnounced, 1) == 0;

    /// <summary>Makes the Torch settings visible to EnergyFacts.Torch, which reads only its environment variables.</summary>
    public void PrepareTorchEnvironment() => _ = torchEnvironment.Value;

    /// <summary>
    /// Registers a trial whose window is open, with how to finish it without its body; the last-chance writer calls
    /// that when the process exits (SIGTERM, a second Ctrl+C, <see cref="Environment.Exit(int)"/>) while the trial runs.
    /// Dispose the result when the trial has finished.
    /// </summary>
    public IDisposable TrackOpenTrial(Action<string> finishWithoutBody)
    {
        ArgumentNullException.ThrowIfNull(finishWithoutBody);
        var ticket = Interlocked.Increment(ref lastTrialTicket);
        openTrials[ticket] = finishWithoutBody;
        return new OpenTrialTicket(openTrials, ticket);
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= WriteOpenTrialsOnExit;
        foreach (var registration in signalRegistrations)
        {
            registration.Dispose();
        }

        if (probes.IsValueCreated)
        {
            probes.Value.Dispose();
        }
    }

    private void WriteOpenTrialsOnSignal(PosixSignalContext context) =>
        WriteOpenTrials($"The process received {context.Signal} while the trial ran; its row holds what was measured until then.");

    private void WriteOpenTrialsOnExit(object? sender, EventArgs e) =>
        WriteOpenTrials("The process exited while the trial ran (a second Ctrl+C or an exit call); its row holds what was measured until then.");

    // The last-chance writer: nothing measured is lost when the process ends while a trial runs.
    private void WriteOpenTrials(string reason)
    {
        foreach (var finish in openTrials.Values)
        {
            try
            {
                finish(reason);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ResultSinkException or ResultsFolderException or ResultsFileFormatException)
            {
                Console.Error.WriteLine("[energy] the last row could not be written on exit: " + ex.Message);
            }
        }
    }

    private sealed class OpenTrialTicket(ConcurrentDictionary<long, Action<string>> openTrials, long ticket) : IDisposable
    {
        public void Dispose() => openTrials.TryRemove(ticket, out _);
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
        return HostInfo.Capture(gpus.Count, string.Join(", ", names)).WithCloudRegion(CloudRegion).WithRegion(Settings.Region);
    }
}

using System.Globalization;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Trials;

/// <summary>
/// The measure step: the one window in which a trial's body runs under measurement. Opening it checks everything
/// known up front (probes, country, results folder), takes the experiment gate, measures the idle baseline once and
/// starts the sampler; closing it stops the sampler and leaves the gate. A window is opened once and closed once.
/// </summary>
internal sealed class TrialWindow : IDisposable
{
    private readonly EnergyRun run;
    private readonly IDisposable gatePass;
    // The body's thread ends the preparation while the watchdog's may close the window: one at a time.
    private readonly Lock samplerLock = new();
    private EnergySampler? sampler;

    private TrialWindow(EnergyRun run, IDisposable gatePass, EnergySampler sampler)
    {
        this.run = run;
        this.gatePass = gatePass;
        this.sampler = sampler;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Opens the window for an unnamed trial (waiting experiments see "an EnergyFacts trial").</summary>
    public static TrialWindow Open(EnergyRun run, ITrialOutput output, CancellationToken cancellationToken) =>
        Open(run, output, "an EnergyFacts trial", cancellationToken);

    /// <summary>Opens the window; throws before measuring when the run cannot measure (bad probes, unwritable folder).</summary>
    /// <param name="run">The session's run.</param>
    /// <param name="output">The trial's output; it is told when the trial waits for another experiment.</param>
    /// <param name="holder">Who measures, e.g. the case's display name: waiting experiments name it.</param>
    /// <param name="cancellationToken">Ends a wait for the experiment gate.</param>
    public static TrialWindow Open(EnergyRun run, ITrialOutput output, string holder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        var settings = run.Settings;
        var probes = run.Probes;

        // Fail before measuring, not after: an unknown country or an unwritable results folder is known up front.
        _ = run.Emissions;
        run.Sinks.CheckBeforeMeasuring();
        _ = run.Baseline; // a corrupt or newer-format baseline fails before measuring, naming file and position
        run.PrepareTorchEnvironment();
        if (run.ClaimProbeAnnouncement())
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[energy] probes: {string.Join("; ", probes.Notes)} (interval {settings.Interval.TotalMilliseconds} ms, results in {settings.ResultsDirectory})"));
            foreach (var probe in probes.Probes)
            {
                output.WriteLine($"[energy]   {probe.Descriptor.Id} ({probe.Descriptor.Source.ToString().ToLowerInvariant()}): {probe.Descriptor.Legend}");
            }
        }

        var pass = run.Gate.Enter(holder, line => output.WriteLine("[energy] " + line), cancellationToken);
        EnergySampler? started = null;
        try
        {
            if (run.Idle is { } baseline && run.ClaimIdleAnnouncement())
            {
                output.WriteLine("[energy] idle baseline: " + string.Join("; ", baseline.Describe()));
            }

            started = new EnergySampler(probes.Probes, settings.Interval);
            var window = new TrialWindow(run, pass, started);
            started.Start();
            return window;
        }
        catch
        {
            started?.Dispose();
            pass.Dispose();
            throw;
        }
    }

    /// <summary>The preparation's own measurement, once <see cref="EndPreparation"/> split it off the window.</summary>
    public EnergyMeasurement? Preparation { get; private set; }

    /// <summary>
    /// Ends the trial's preparation (native load, data decode, model build): its measurement is kept apart
    /// (<see cref="Preparation"/>) and the window measures on from now with a fresh sampler, so the trial's own
    /// measurement covers only the work after it. The gate stays held throughout; called at most once.
    /// </summary>
    /// <returns>The preparation's measurement.</returns>
    public EnergyMeasurement EndPreparation()
    {
        lock (samplerLock)
        {
            var running = sampler ?? throw new InvalidOperationException("The measurement window is closed; preparation can only end while it is open.");
            if (Preparation is not null)
            {
                throw new InvalidOperationException("The trial's preparation already ended; a trial has one preparation.");
            }

            var next = new EnergySampler(run.Probes.Probes, run.Settings.Interval);
            EnergyMeasurement prepared;
            try
            {
                prepared = running.Stop();
            }
            catch
            {
                next.Dispose();
                throw;
            }

            running.Dispose();
            sampler = next;
            Preparation = prepared;
            next.Start();
            return prepared;
        }
    }

    /// <summary>Energy per component so far (for phases).</summary>
    public IReadOnlyDictionary<PowerComponent, Joules> Mark()
    {
        lock (samplerLock)
        {
            return (sampler ?? throw new InvalidOperationException("Phases can only be measured while the experiment runs.")).Mark();
        }
    }

    /// <summary>Who measures what, e.g. <c>cpu: cpu-model (estimated); ram: ram-model (estimated)</c>.</summary>
    public string MeasuredBy => string.Join("; ", run.Probes.Probes.Select(p =>
        $"{p.Descriptor.Component.ToString().ToLowerInvariant()}: {p.Descriptor.Id} ({p.Descriptor.Source.ToString().ToLowerInvariant()})"));

    /// <summary>Stops measuring and leaves the gate; a second call is an error, never a second measurement.</summary>
    public EnergyMeasurement Close()
    {
        EnergySampler running;
        lock (samplerLock)
        {
            running = sampler ?? throw new InvalidOperationException("The measurement window was already closed.");
            sampler = null;
        }

        try
        {
            return running.Stop();
        }
        finally
        {
            running.Dispose();
            gatePass.Dispose();
        }
    }

    public void Dispose()
    {
        EnergySampler? running;
        lock (samplerLock)
        {
            running = sampler;
            sampler = null;
        }

        if (running is not null)
        {
            running.Dispose();
            gatePass.Dispose();
        }
    }
}

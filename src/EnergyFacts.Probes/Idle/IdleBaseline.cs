using System.Globalization;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Probes.Idle;

/// <summary>The idle power one probe read while nothing ran.</summary>
/// <param name="ProbeId">The probe's <see cref="ProbeDescriptor.Id"/>.</param>
/// <param name="Component">The component it measures.</param>
/// <param name="Source">Measured, estimated or replayed, as the probe's readings are.</param>
/// <param name="Power">Mean power over the idle window.</param>
/// <param name="Duration">How long the window actually lasted.</param>
/// <param name="Faults">Reads that failed during the window.</param>
internal sealed record IdleProbePower(string ProbeId, PowerComponent Component, EnergySource Source, Watts Power, TimeSpan Duration, int Faults);

/// <summary>
/// Idle power per probe and per component, to report dynamic energy = total − idle power × duration.
/// </summary>
internal sealed class IdleBaseline
{
    /// <summary>Creates a baseline from per-probe results.</summary>
    public IdleBaseline(IReadOnlyList<IdleProbePower> probes)
    {
        Probes = probes;
    }

    /// <summary>One entry per probe measured.</summary>
    public IReadOnlyList<IdleProbePower> Probes { get; }

    /// <summary>Idle power of a component: the sum over its probes (e.g. both packages).</summary>
    public Watts PowerOf(PowerComponent component) =>
        new(Probes.Where(p => p.Component == component).Sum(p => p.Power.Value));

    /// <summary>
    /// Energy above idle: <paramref name="total"/> − idle power × <paramref name="duration"/>. Not clamped: a negative
    /// value means the run drew less than the idle window did, which the caller should report rather than hide.
    /// </summary>
    public Joules DynamicEnergy(PowerComponent component, Joules total, TimeSpan duration) =>
        total - PowerOf(component).Over(duration);

    /// <summary>One line per probe, e.g. <c>rapl:package-0 (cpu, measured): 21.4 W idle over 10 s</c>.</summary>
    public IEnumerable<string> Describe() => Probes.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.ProbeId} ({p.Component.ToString().ToLowerInvariant()}, {p.Source.ToString().ToLowerInvariant()}): {p.Power} idle over {p.Duration.TotalSeconds:0.###} s{(p.Faults > 0 ? $", {p.Faults} failed reads" : "")}"));
}

/// <summary>
/// Measures the idle power of a set of probes for a fixed time: every probe is read every <c>interval</c> and integrated
/// the way the sampler integrates it (counters differenced, sensors by the trapezoid rule), and its idle power is that
/// energy over the time it covers. Independent of any test framework; call it before the experiment, on a quiet machine.
/// </summary>
internal sealed class IdleBaselineMeter
{
    private readonly TimeProvider clock;
    private readonly Action<TimeSpan, CancellationToken> wait;

    /// <summary>Creates a meter on the system clock.</summary>
    public IdleBaselineMeter()
        : this(TimeProvider.System, static (span, token) => token.WaitHandle.WaitOne(span))
    {
    }

    internal IdleBaselineMeter(TimeProvider clock, Action<TimeSpan, CancellationToken> wait)
    {
        this.clock = clock;
        this.wait = wait;
    }

    /// <summary>Starts each probe, reads for <paramref name="duration"/>, and returns the mean power per probe.</summary>
    /// <remarks>
    /// Calls <see cref="IPowerProbe.Start"/>: the sampler must start the probes again before the experiment. A probe's
    /// mean power is its energy up to its last good reading divided by that reading's time, so failed reads at the end
    /// of the window do not dilute it; a probe with no good reading has NaN power.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive duration or interval.</exception>
    /// <exception cref="ArgumentException">A probe implements neither <see cref="IPowerSensor"/> nor <see cref="IEnergyCounter"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public IdleBaseline Measure(IReadOnlyList<IPowerProbe> probes, TimeSpan duration, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);

        var integrated = probes.Select(p => new IntegratedProbe(p)).ToArray();
        foreach (var probe in probes)
        {
            probe.Start();
        }

        var start = clock.GetTimestamp();
        var elapsed = TimeSpan.Zero;
        while (elapsed < duration)
        {
            var remaining = duration - elapsed;
            wait(remaining < interval ? remaining : interval, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            elapsed = clock.GetElapsedTime(start);
            foreach (var probe in integrated)
            {
                probe.Sample(elapsed);
            }
        }

        var results = new IdleProbePower[integrated.Length];
        for (var i = 0; i < integrated.Length; i++)
        {
            var d = integrated[i].Probe.Descriptor;
            var integrator = integrated[i].Integrator;
            var watts = integrator.Readings == 0 || integrator.LastSeconds <= 0
                ? double.NaN
                : integrator.Energy.Value / integrator.LastSeconds;
            results[i] = new IdleProbePower(d.Id, d.Component, d.Source, new Watts(watts), elapsed, integrator.Faults);
        }

        return new IdleBaseline(results);
    }
}

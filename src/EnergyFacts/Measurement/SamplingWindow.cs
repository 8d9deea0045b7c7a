using System.Diagnostics;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Measurement;

/// <summary>
/// What the sampler thread does, without the thread: starts the probes, reads every probe on each tick into its
/// <see cref="EnergyIntegrator"/>, and sums the result per component.
/// </summary>
/// <remarks>
/// <para>Single-threaded: only the sampler thread calls it until that thread has been joined.</para>
/// <para>Created with a read deadline, each probe is read on its own <see cref="ProbeReader"/> thread and a read that
/// misses the deadline is dropped as <see cref="ProbeFault.Stalled"/>, so one hanging probe delays a tick by at most the
/// deadline and never stops the others. Without one, probes are read in turn on the calling thread.</para>
/// </remarks>
internal sealed class SamplingWindow : IDisposable
{
    private static readonly TimeSpan IdleReaderPatience = TimeSpan.FromSeconds(1);

    private readonly IntegratedProbe[] probes;
    private readonly long readDeadlineTicks;
    private readonly TimeSpan readDeadline;
    private readonly bool[] asked;
    private readonly int[] componentOf;
    private readonly PowerTraceRecorder trace = new();
    private ProbeReader[]? readers;
    private long startTimestamp;

    /// <summary>Creates a window over <paramref name="probes"/> (not owned), read in turn on the calling thread.</summary>
    /// <exception cref="ArgumentException">A probe implements neither <see cref="IPowerSensor"/> nor <see cref="IEnergyCounter"/>.</exception>
    public SamplingWindow(IReadOnlyList<IPowerProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        this.probes = [.. probes.Select(p => new IntegratedProbe(p))];
        asked = new bool[this.probes.Length];
        componentOf = [.. this.probes.Select(p => (int)p.Probe.Descriptor.Component)];
    }

    /// <summary>Creates a window whose probes are each read on their own thread, a read abandoned after <paramref name="readDeadline"/>.</summary>
    public SamplingWindow(IReadOnlyList<IPowerProbe> probes, TimeSpan readDeadline)
        : this(probes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(readDeadline, TimeSpan.Zero);
        this.readDeadline = readDeadline;
        readDeadlineTicks = (long)(readDeadline.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Number of probes read on each tick.</summary>
    public int ProbeCount => probes.Length;

    /// <summary>Ticks taken, the opening one included.</summary>
    public int SampleCount { get; private set; }

    /// <summary>CPU time the probe reader threads used (known after <see cref="StopReaders"/>).</summary>
    public TimeSpan ReaderCpuTime => readers?.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.CpuTime) ?? TimeSpan.Zero;

    /// <summary>Probes whose reader thread was abandoned inside a stalled read when the window stopped.</summary>
    public IReadOnlyList<string> AbandonedProbes =>
        readers is null ? [] : [.. readers.Select((r, i) => (r, i)).Where(x => x.r.Abandoned).Select(x => probes[x.i].Probe.Descriptor.Id)];

    /// <summary>Reader threads still running; those abandoned in a stalled read only when <paramref name="includeAbandoned"/>.</summary>
    public int LiveReaders(bool includeAbandoned) =>
        readers?.Count(r => r.IsAlive && (includeAbandoned || !r.Abandoned)) ?? 0;

    /// <summary>Resets every probe's baseline (<see cref="IPowerProbe.Start"/>), on the probes' reader threads when there are any.</summary>
    /// <exception cref="InvalidOperationException">A probe's start threw.</exception>
    public void StartProbes()
    {
        if (readDeadlineTicks == 0)
        {
            foreach (var probe in probes)
            {
                probe.Probe.Start();
            }

            return;
        }

        readers = [.. probes.Select(p => new ProbeReader(p))];
        foreach (var reader in readers)
        {
            reader.BeginStart();
        }

        // A start that stalls leaves its probe stalled: its reads are counted as such until it answers.
        var deadline = Stopwatch.GetTimestamp() + readDeadlineTicks;
        foreach (var reader in readers)
        {
            reader.TryEndStart(deadline);
        }
    }

    /// <summary>Opens the window at <paramref name="timestamp"/> (<see cref="Stopwatch"/> ticks) and takes the opening reading.</summary>
    public void Open(long timestamp)
    {
        startTimestamp = timestamp;
        Tick(timestamp);
    }

    /// <summary>Reads every probe once at <paramref name="timestamp"/>. The hot path: no allocation, no locks, no logging.</summary>
    public void Tick(long timestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp, timestamp);
        SampleCount++;
        if (readers is null)
        {
            foreach (var probe in probes)
            {
                probe.Sample(elapsed);
            }

            RecordTrace(elapsed);
            return;
        }

        for (var i = 0; i < readers.Length; i++)
        {
            asked[i] = readers[i].BeginRead(elapsed);
        }

        var deadline = Stopwatch.GetTimestamp() + readDeadlineTicks;
        for (var i = 0; i < readers.Length; i++)
        {
            if (asked[i] && readers[i].TryEndRead(deadline, out var read))
            {
                probes[i].Record(elapsed, read);
            }
            else
            {
                probes[i].RecordFault(elapsed, ProbeFault.Stalled);
            }
        }

        RecordTrace(elapsed);
    }

    /// <summary>The power trace recorded so far: each kept tick's energy per component (the last tick always kept).</summary>
    /// <param name="components">The window's components (<see cref="Components"/>), for their sources.</param>
    public SampledPowerTrace Trace(IReadOnlyList<ComponentEnergy> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var sources = new EnergySource?[Enum.GetValues<PowerComponent>().Length];
        foreach (var component in components)
        {
            sources[(int)component.Component] = component.Source;
        }

        return trace.ToTrace(sources);
    }

    // Each component's energy so far into the trace; no allocation (three doubles on the stack).
    private void RecordTrace(TimeSpan elapsed)
    {
        Span<double> cumulative = stackalloc double[3];
        for (var i = 0; i < probes.Length; i++)
        {
            cumulative[componentOf[i]] += probes[i].Integrator.Energy.Value;
        }

        trace.Record(elapsed.TotalSeconds, cumulative);
    }

    /// <summary>Stops the reader threads, waiting up to the read deadline for each stalled one before abandoning it.</summary>
    public void StopReaders()
    {
        foreach (var reader in readers ?? [])
        {
            // An idle reader ends at once; the longer wait only guards against a busy machine's scheduling delay.
            reader.Stop(reader.Stalled ? readDeadline : IdleReaderPatience);
        }
    }

    /// <summary>Copies each probe's energy so far into <paramref name="destination"/>, in probe order.</summary>
    public void CopyEnergies(Joules[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        for (var i = 0; i < probes.Length; i++)
        {
            destination[i] = probes[i].Integrator.Energy;
        }
    }

    /// <summary>Energy per component over a window of <paramref name="duration"/>: one entry each for cpu, gpu and ram, in that order.</summary>
    public IReadOnlyList<ComponentEnergy> Components(TimeSpan duration)
    {
        var components = new List<ComponentEnergy>(3);
        foreach (var component in Enum.GetValues<PowerComponent>())
        {
            var energy = Joules.Zero;
            var faultCount = 0;
            var uncovered = TimeSpan.Zero;
            var byKind = new Dictionary<ProbeFault, int>();
            EnergySource? source = null;
            var ids = new List<string>();
            foreach (var probe in probes)
            {
                var descriptor = probe.Probe.Descriptor;
                if (descriptor.Component != component)
                {
                    continue;
                }

                energy += probe.Integrator.Energy;
                faultCount += probe.Integrator.Faults;
                foreach (var kind in Enum.GetValues<ProbeFault>())
                {
                    if (probe.Integrator.FaultsOf(kind) is > 0 and var count)
                    {
                        byKind[kind] = byKind.GetValueOrDefault(kind) + count;
                    }
                }

                // Several probes on one component (sockets, GPUs): the worst one's gap is the component's.
                uncovered = TimeSpan.FromTicks(Math.Max(uncovered.Ticks, Math.Min(probe.UncoveredTime.Ticks, duration.Ticks)));
                ids.Add(descriptor.Id);
                source = Weaker(source, descriptor.Source);
            }

            components.Add(new ComponentEnergy(component, energy, energy.Over(duration), source, ids, faultCount)
            {
                FaultsByKind = byKind,
                UncoveredTime = uncovered,
            });
        }

        return components;
    }

    /// <summary>Stops and releases the reader threads (a stalled one is abandoned, not waited for).</summary>
    public void Dispose()
    {
        foreach (var reader in readers ?? [])
        {
            reader.Dispose();
        }
    }

    // An estimate anywhere in the sum makes the sum an estimate.
    private static EnergySource Weaker(EnergySource? current, EnergySource next) =>
        current is null ? next : (EnergySource)Math.Max((int)current.Value, (int)next);
}

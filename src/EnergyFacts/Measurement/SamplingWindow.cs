using System.Diagnostics;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Measurement;

/// <summary>
/// What the sampler thread does, without the thread: starts the probes, reads every probe on each tick into its
/// <see cref="EnergyIntegrator"/>, and sums the result per component.
/// </summary>
/// <remarks>Single-threaded: only the sampler thread calls it until that thread has been joined.</remarks>
internal sealed class SamplingWindow
{
    private readonly IntegratedProbe[] probes;
    private long startTimestamp;

    /// <summary>Creates a window over <paramref name="probes"/> (not owned).</summary>
    /// <exception cref="ArgumentException">A probe implements neither <see cref="IPowerSensor"/> nor <see cref="IEnergyCounter"/>.</exception>
    public SamplingWindow(IReadOnlyList<IPowerProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        this.probes = [.. probes.Select(p => new IntegratedProbe(p))];
    }

    /// <summary>Number of probes read on each tick.</summary>
    public int ProbeCount => probes.Length;

    /// <summary>Ticks taken, the opening one included.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Resets every probe's baseline (<see cref="IPowerProbe.Start"/>).</summary>
    public void StartProbes()
    {
        foreach (var probe in probes)
        {
            probe.Probe.Start();
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
        foreach (var probe in probes)
        {
            probe.Sample(elapsed);
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
                ids.Add(descriptor.Id);
                source = Weaker(source, descriptor.Source);
            }

            components.Add(new ComponentEnergy(component, energy, energy.Over(duration), source, ids, faultCount));
        }

        return components;
    }

    // An estimate anywhere in the sum makes the sum an estimate.
    private static EnergySource Weaker(EnergySource? current, EnergySource next) =>
        current is null ? next : (EnergySource)Math.Max((int)current.Value, (int)next);
}

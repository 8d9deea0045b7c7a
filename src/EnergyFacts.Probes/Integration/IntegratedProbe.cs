namespace EnergyFacts.Probes.Integration;

/// <summary>
/// A probe paired with the integrator of its readings: <see cref="Sample"/> reads it once and feeds the reading in, so a
/// failing probe costs one fault and never an exception. <see cref="Read"/> and <see cref="Record"/> are the same two
/// halves apart, for a caller that reads on another thread under a deadline.
/// </summary>
/// <remarks>
/// Besides the energy, it keeps the time its readings did not cover: the sampling intervals that ended in a dropped
/// reading. Over such an interval a sensor's power is interpolated (or, after the last good reading, missing); a
/// counter recovers the interval with its next good reading unless the counter went backwards in between, so only
/// intervals that no later good reading recovered count for a counter.
/// </remarks>
internal sealed class IntegratedProbe
{
    private readonly IPowerSensor? sensor;
    private readonly IEnergyCounter? counter;
    private double lastTickSeconds;
    private double uncoveredSeconds;
    private double gapSeconds; // intervals since the last accepted reading that ended in a dropped one
    private bool gapUnrecoverable;

    /// <summary>Pairs <paramref name="probe"/> (not owned) with an empty integrator.</summary>
    /// <exception cref="ArgumentException">The probe implements neither <see cref="IPowerSensor"/> nor <see cref="IEnergyCounter"/>.</exception>
    public IntegratedProbe(IPowerProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Probe = probe;
        // A probe that is both is read as a sensor, as the sampler always has.
        sensor = probe as IPowerSensor;
        counter = sensor is null ? probe as IEnergyCounter : null;
        if (sensor is null && counter is null)
        {
            throw new ArgumentException(
                $"Probe '{probe.Descriptor.Id}' implements neither IPowerSensor nor IEnergyCounter.", nameof(probe));
        }

        Integrator = new EnergyIntegrator(
            sensor is not null ? ReadingKind.Power : ReadingKind.EnergySinceStart, EnergyIntegrator.MaximumPlausibleWatts);
    }

    /// <summary>The probe read.</summary>
    public IPowerProbe Probe { get; }

    /// <summary>Its readings so far.</summary>
    public EnergyIntegrator Integrator { get; }

    /// <summary>Time since the window opened that no accepted reading covers (see the remarks).</summary>
    public TimeSpan UncoveredTime => TimeSpan.FromSeconds(uncoveredSeconds + gapSeconds);

    /// <summary>Reads the probe once and integrates the reading. Hot path: no allocation.</summary>
    /// <param name="elapsed">Time since the window opened, on the caller's monotonic clock.</param>
    /// <returns><see langword="false"/> when the read failed or its reading was refused (a fault was counted).</returns>
    public bool Sample(TimeSpan elapsed) => Record(elapsed, Read(elapsed)) is null;

    /// <summary>Reads the probe once without judging the reading; never throws (except out of memory). Safe on any one thread.</summary>
    public ProbeRead Read(TimeSpan elapsed)
    {
        try
        {
            if (sensor is not null)
            {
                return sensor.TryReadPower(elapsed, out var watts) ? new ProbeRead(null, watts.Value) : new ProbeRead(ProbeFault.ReadFailed, double.NaN);
            }

            return counter!.TryReadEnergy(elapsed, out var energy) ? new ProbeRead(null, energy.Value) : new ProbeRead(ProbeFault.ReadFailed, double.NaN);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A probe that throws (a vanished file, a lost GPU) loses this sample only.
            return new ProbeRead(ProbeFault.Threw, double.NaN);
        }
    }

    /// <summary>Integrates a read taken at <paramref name="elapsed"/>; the thread that owns the integrator calls it.</summary>
    /// <returns><see langword="null"/> when the reading was accepted, else the fault it was counted as.</returns>
    public ProbeFault? Record(TimeSpan elapsed, ProbeRead read)
    {
        if (read.Failure is { } failure)
        {
            RecordFault(elapsed, failure);
            return failure;
        }

        var seconds = elapsed.TotalSeconds;
        var refused = Integrator.TryAdd(seconds, read.Value);
        if (refused is { } fault)
        {
            Uncover(seconds, fault);
            return fault;
        }

        // A counter's good reading accounts for the energy of the gap before it, unless it went backwards in between:
        // then the reading that catches up is short by what was counted before the reset, so its interval counts too.
        if (sensor is not null)
        {
            uncoveredSeconds += gapSeconds;
        }
        else if (gapUnrecoverable)
        {
            uncoveredSeconds += gapSeconds + Math.Max(0, seconds - lastTickSeconds);
        }

        gapSeconds = 0;
        gapUnrecoverable = false;
        lastTickSeconds = seconds;
        return null;
    }

    /// <summary>Counts a read at <paramref name="elapsed"/> that gave no reading (e.g. abandoned as <see cref="ProbeFault.Stalled"/>).</summary>
    public void RecordFault(TimeSpan elapsed, ProbeFault fault)
    {
        Integrator.AddFault(fault);
        Uncover(elapsed.TotalSeconds, fault);
    }

    private void Uncover(double seconds, ProbeFault fault)
    {
        gapSeconds += Math.Max(0, seconds - lastTickSeconds);
        gapUnrecoverable |= fault == ProbeFault.CounterBackwards;
        lastTickSeconds = seconds;
    }
}

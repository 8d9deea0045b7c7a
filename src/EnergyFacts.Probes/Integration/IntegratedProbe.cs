namespace EnergyFacts.Probes.Integration;

/// <summary>
/// A probe paired with the integrator of its readings: <see cref="Sample"/> reads it once and feeds the reading in, so a
/// failing probe costs one fault and never an exception.
/// </summary>
internal sealed class IntegratedProbe
{
    private readonly IPowerSensor? sensor;
    private readonly IEnergyCounter? counter;

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

        Integrator = new EnergyIntegrator(sensor is not null ? ReadingKind.Power : ReadingKind.EnergySinceStart);
    }

    /// <summary>The probe read.</summary>
    public IPowerProbe Probe { get; }

    /// <summary>Its readings so far.</summary>
    public EnergyIntegrator Integrator { get; }

    /// <summary>Reads the probe once and integrates the reading. Hot path: no allocation.</summary>
    /// <param name="elapsed">Time since the window opened, on the caller's monotonic clock.</param>
    /// <returns><see langword="false"/> when the read failed or its reading was refused (a fault was counted).</returns>
    public bool Sample(TimeSpan elapsed)
    {
        bool ok;
        double value;
        try
        {
            if (sensor is not null)
            {
                ok = sensor.TryReadPower(elapsed, out var watts);
                value = watts.Value;
            }
            else
            {
                ok = counter!.TryReadEnergy(elapsed, out var energy);
                value = energy.Value;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A probe that throws (a vanished file, a lost GPU) loses this sample only.
            ok = false;
            value = double.NaN;
        }

        if (!ok)
        {
            Integrator.AddFault();
            return false;
        }

        return Integrator.Add(elapsed.TotalSeconds, value);
    }
}

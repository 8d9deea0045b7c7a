namespace EnergyFacts.Probes.FaultInjection;

/// <summary>
/// Wraps any probe so it misbehaves on a schedule: the way the tests prove that one broken probe costs the session
/// only that probe's readings, each counted by kind. Internal: it ships inside the probes assembly only so that both
/// test projects (probes and harness) share one implementation; no user setting reaches it.
/// </summary>
internal static class FaultyProbes
{
    /// <summary>Wraps <paramref name="probe"/> (owned by the wrapper) in the injector of its kind.</summary>
    /// <exception cref="ArgumentException">The probe is neither a sensor nor a counter, or a sensor is scheduled a counter reset.</exception>
    public static IPowerProbe Wrap(IPowerProbe probe, FaultSchedule schedule) => probe switch
    {
        IPowerSensor sensor => new FaultInjectingSensor(sensor, schedule),
        IEnergyCounter counter => new FaultInjectingCounter(counter, schedule),
        null => throw new ArgumentNullException(nameof(probe)),
        _ => throw new ArgumentException($"Probe '{probe.Descriptor.Id}' implements neither IPowerSensor nor IEnergyCounter.", nameof(probe)),
    };

    /// <summary>The injector inside a wrapper made by <see cref="Wrap"/>.</summary>
    public static FaultInjector InjectorOf(IPowerProbe wrapped) => wrapped switch
    {
        FaultInjectingSensor sensor => sensor.Injector,
        FaultInjectingCounter counter => counter.Injector,
        _ => throw new ArgumentException("Not a fault-injecting probe.", nameof(wrapped)),
    };
}

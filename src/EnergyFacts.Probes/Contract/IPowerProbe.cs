namespace EnergyFacts.Probes;

/// <summary>
/// A source of power or energy readings for one component. Implementations also implement exactly one of
/// <see cref="IPowerSensor"/> (instantaneous power, integrated by the sampler) or
/// <see cref="IEnergyCounter"/> (a cumulative counter, differenced by the sampler).
/// </summary>
/// <remarks>
/// All calls after construction come from the sampler's single thread, so implementations need no locking.
/// Reads are on the sampler's hot path: no allocation, no logging. A failed read returns <see langword="false"/>
/// (or throws); the sampler drops that sample, counts a fault and labels the component's energy partial.
/// </remarks>
public interface IPowerProbe : IDisposable
{
    /// <summary>What this probe is.</summary>
    ProbeDescriptor Descriptor { get; }

    /// <summary>Resets baselines; called on the sampler thread immediately before the first reading of a session.</summary>
    void Start();
}

/// <summary>A probe that reports instantaneous (or short-window average) power.</summary>
public interface IPowerSensor : IPowerProbe
{
    /// <summary>Reads the power now.</summary>
    /// <param name="elapsed">Time since the session started, on the sampler's monotonic clock.</param>
    /// <param name="power">The power, when the read succeeded.</param>
    /// <returns><see langword="false"/> when no valid reading could be taken.</returns>
    bool TryReadPower(TimeSpan elapsed, out Watts power);
}

/// <summary>A probe that reports a cumulative energy counter; wraparound is the probe's business, not the caller's.</summary>
public interface IEnergyCounter : IPowerProbe
{
    /// <summary>Reads the energy consumed since <see cref="IPowerProbe.Start"/>.</summary>
    /// <param name="elapsed">Time since the session started, on the sampler's monotonic clock.</param>
    /// <param name="energySinceStart">Energy since start, monotonically non-decreasing across successful reads.</param>
    /// <returns><see langword="false"/> when no valid reading could be taken.</returns>
    bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart);
}

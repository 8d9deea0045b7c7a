namespace EnergyFacts.Probes.Estimators;

/// <summary>
/// Estimated CPU energy of this process: TDP × Δ(process CPU seconds) / logical CPUs.
/// </summary>
/// <remarks>
/// An energy counter rather than a power sensor: process CPU time is itself a cumulative counter, so the energy between
/// any two reads is exact under the model, with no sampling error however seldom the sampler ticks (a power sensor would
/// be integrated by the sampler and pick up its timing jitter).
/// </remarks>
internal sealed class CpuModelProbe : IEnergyCounter, IUtilizationSource
{
    private readonly IProcessCpuTime cpuTime;
    private readonly CpuModelEstimate estimate;
    private readonly TimeProvider clock;
    private double startCpuSeconds;
    private double lastCpuSeconds;
    private bool started;
    private double utilizationCpuSeconds;
    private long utilizationTimestamp;

    internal CpuModelProbe(CpuModelEstimate estimate, IProcessCpuTime cpuTime, TimeProvider clock)
    {
        this.estimate = estimate;
        this.cpuTime = cpuTime;
        this.clock = clock;
        Descriptor = new ProbeDescriptor("cpu-model", PowerComponent.Cpu, EnergySource.Estimated,
            $"{estimate.Legend}; CPU time from {cpuTime.Origin}")
        {
            DeviceName = estimate.ModelName,
        };
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <summary>The model behind the numbers.</summary>
    public CpuModelEstimate Estimate => estimate;

    /// <inheritdoc/>
    public void Start()
    {
        started = cpuTime.TryReadSeconds(out startCpuSeconds);
        lastCpuSeconds = startCpuSeconds;
        utilizationCpuSeconds = startCpuSeconds;
        utilizationTimestamp = clock.GetTimestamp();
    }

    /// <inheritdoc/>
    public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
    {
        energySinceStart = Joules.Zero;
        if (!cpuTime.TryReadSeconds(out var now) || !double.IsFinite(now))
        {
            return false;
        }

        if (!started)
        {
            // The baseline could not be taken at Start: begin counting now and report the gap as a fault.
            startCpuSeconds = lastCpuSeconds = now;
            started = true;
            return false;
        }

        if (now < lastCpuSeconds)
        {
            return false;
        }

        lastCpuSeconds = now;
        energySinceStart = estimate.PerCpuSecond * (now - startCpuSeconds);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>Process CPU share of all logical CPUs since the previous call (or Start), in percent.</remarks>
    public bool TryReadUtilization(out DeviceUtilization utilization)
    {
        utilization = default;
        var timestamp = clock.GetTimestamp();
        if (!cpuTime.TryReadSeconds(out var now))
        {
            return false;
        }

        var wallSeconds = clock.GetElapsedTime(utilizationTimestamp, timestamp).TotalSeconds;
        if (wallSeconds <= 0)
        {
            return false;
        }

        var percent = 100 * (now - utilizationCpuSeconds) / wallSeconds / estimate.LogicalCpus;
        utilizationCpuSeconds = now;
        utilizationTimestamp = timestamp;
        utilization = new DeviceUtilization(Math.Clamp(percent, 0, 100), null, null);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => (cpuTime as IDisposable)?.Dispose();
}

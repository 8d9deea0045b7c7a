namespace EnergyFacts.Probes.Nvml;

/// <summary>Shared parts of the two NVML probe kinds: identity, utilisation, memory, lifetime.</summary>
internal abstract class NvmlGpuProbe : IPowerProbe, IUtilizationSource
{
    /// <summary>
    /// Assumed update period of NVML's energy counter and power reading: not documented by NVIDIA; 10–100 ms observed
    /// (Zeus uses 100 ms), so windows shorter than this may read zero.
    /// </summary>
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromMilliseconds(100);

    private readonly NvmlSession session;
    private bool disposed;

    private protected NvmlGpuProbe(NvmlSession session, NvmlDevice device, string legend)
    {
        this.session = session;
        Device = device;
        session.AddReference();
        Descriptor = new ProbeDescriptor("nvml:" + device.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PowerComponent.Gpu, EnergySource.Measured, legend)
        {
            DeviceName = device.Name,
            MinimumUpdatePeriod = UpdatePeriod,
        };
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <summary>The last NVML return code of a failed read (0 when none failed), for diagnostics.</summary>
    public int LastErrorCode { get; private protected set; }

    /// <summary>The last failed read's code as a message, or null.</summary>
    public string? LastError => LastErrorCode == 0 ? null : session.Library.Describe(LastErrorCode);

    private protected NvmlLibrary Library => session.Library;

    internal NvmlDevice Device { get; }

    /// <inheritdoc/>
    public abstract void Start();

    /// <inheritdoc/>
    public bool TryReadUtilization(out DeviceUtilization utilization)
    {
        utilization = default;
        var rc = Library.GetUtilization(Device.Handle, out var rates);
        if (rc != NvmlError.Success)
        {
            LastErrorCode = rc;
            return false;
        }

        long? used = null;
        long? total = null;
        if (Library.GetMemory(Device.Handle, out var memory) == NvmlError.Success)
        {
            used = (long)memory.Used;
            total = (long)memory.Total;
        }

        utilization = new DeviceUtilization(rates.Gpu, used, total);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            session.Release();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// A GPU's energy from <c>nvmlDeviceGetTotalEnergyConsumption</c> deltas (mJ since driver load; Volta and newer): exact
/// between reads, no sampling error.
/// </summary>
internal sealed class NvmlEnergyCounter : NvmlGpuProbe, IEnergyCounter
{
    private ulong last;
    private ulong totalMillijoules;
    private bool hasBaseline;

    internal NvmlEnergyCounter(NvmlSession session, NvmlDevice device, string legend)
        : base(session, device, legend)
    {
    }

    /// <summary>Counter drops seen (driver reload); each made a read return false.</summary>
    public int Resets { get; private set; }

    /// <inheritdoc/>
    public override void Start()
    {
        totalMillijoules = 0;
        Resets = 0;
        LastErrorCode = 0;
        hasBaseline = Library.GetTotalEnergyMillijoules(Device.Handle, out last) == NvmlError.Success;
    }

    /// <inheritdoc/>
    public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
    {
        energySinceStart = Joules.FromMillijoules(totalMillijoules);
        var rc = Library.GetTotalEnergyMillijoules(Device.Handle, out var value);
        if (rc != NvmlError.Success)
        {
            LastErrorCode = rc; // GPU_IS_LOST and friends: a fault for the sampler, never an exception.
            return false;
        }

        if (!hasBaseline)
        {
            last = value;
            hasBaseline = true;
            return false;
        }

        if (value < last)
        {
            // The counter restarts at driver reload: nothing known about the gap, re-baseline.
            Resets++;
            last = value;
            return false;
        }

        totalMillijoules += value - last;
        last = value;
        energySinceStart = Joules.FromMillijoules(totalMillijoules);
        return true;
    }
}

/// <summary>
/// A GPU's power from <c>nvmlDeviceGetPowerUsage</c> (mW), for GPUs without an energy counter; the sampler integrates it.
/// On Ampere (except GA100) and newer the value is a 1 s average, on older GPUs instantaneous.
/// </summary>
internal sealed class NvmlPowerSensor : NvmlGpuProbe, IPowerSensor
{
    internal NvmlPowerSensor(NvmlSession session, NvmlDevice device, string legend)
        : base(session, device, legend)
    {
    }

    /// <inheritdoc/>
    public override void Start() => LastErrorCode = 0;

    /// <inheritdoc/>
    public bool TryReadPower(TimeSpan elapsed, out Watts power)
    {
        var rc = Library.GetPowerMilliwatts(Device.Handle, out var milliwatts);
        if (rc != NvmlError.Success)
        {
            LastErrorCode = rc;
            power = Watts.Zero;
            return false;
        }

        power = Watts.FromMilliwatts(milliwatts);
        return true;
    }
}

using System.Globalization;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Estimators;

/// <summary>
/// Estimated RAM power of this process: <see cref="WattsPerGibibyte"/> × its resident set (eco2AI's model; CodeCarbon v2's
/// "3 W per 8 GB"). A power sensor, because RSS is a level, not a cumulative counter; the sampler integrates it.
/// </summary>
/// <remarks>
/// Chosen over CodeCarbon's 5 W-per-DIMM model because that model (a) guesses the DIMM count from the total size,
/// (b) charges a 10 W floor even to a 1 GB process, which would dominate small experiments, and (c) is machine-wide while
/// <c>cpu-model</c> is per process; per-GB of RSS keeps both estimators on the same process scope.
/// </remarks>
internal sealed class RamModelProbe : IPowerSensor, IUtilizationSource
{
    /// <summary>Watts per GiB of resident memory (3 W / 8 GiB).</summary>
    public const double WattsPerGibibyte = 0.375;

    private const double BytesPerGibibyte = 1024d * 1024 * 1024;
    private readonly IResidentMemory resident;
    private readonly MemoryInventory memory;

    internal RamModelProbe(IResidentMemory resident, MemoryInventory memory)
    {
        this.resident = resident;
        this.memory = memory;
        Descriptor = new ProbeDescriptor("ram-model", PowerComponent.Ram, EnergySource.Estimated, string.Create(
            CultureInfo.InvariantCulture,
            $"{WattsPerGibibyte} W per GiB × this process's resident memory ({resident.Origin}; eco2AI model, = 3 W per 8 GiB) of {memory.TotalGibibytes:0.#} GiB installed ({memory.Origin})"))
        {
            DeviceName = string.Create(CultureInfo.InvariantCulture, $"{memory.TotalGibibytes:0.#} GiB RAM"),
        };
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <summary>The power the model gives for a resident set of <paramref name="residentBytes"/>.</summary>
    public static Watts PowerFor(long residentBytes) => new(WattsPerGibibyte * Math.Max(0, residentBytes) / BytesPerGibibyte);

    /// <inheritdoc/>
    public void Start() { }

    /// <inheritdoc/>
    public bool TryReadPower(TimeSpan elapsed, out Watts power)
    {
        if (!resident.TryReadBytes(out var bytes) || bytes < 0)
        {
            power = Watts.Zero;
            return false;
        }

        power = PowerFor(Math.Min(bytes, memory.TotalBytes));
        return true;
    }

    /// <inheritdoc/>
    public bool TryReadUtilization(out DeviceUtilization utilization)
    {
        if (!resident.TryReadBytes(out var bytes) || bytes < 0)
        {
            utilization = default;
            return false;
        }

        utilization = new DeviceUtilization(null, bytes, memory.TotalBytes);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => (resident as IDisposable)?.Dispose();
}

using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Estimators;

/// <summary><c>ram-model</c>: this process's RAM power estimated as 0.375 W per GiB of resident memory (labelled estimated).</summary>
internal sealed class RamModelProbeProvider : IProbeProvider
{
    /// <summary>The auto rank: after every hardware counter and after <c>cpu-model</c>.</summary>
    public const int Rank = 110;

    private readonly Func<MemoryInventory> detectMemory;
    private readonly Func<IResidentMemory> residentFactory;

    /// <summary>Creates the provider for this machine.</summary>
    public RamModelProbeProvider()
        : this(MemoryInventory.Detect, CreateResident)
    {
    }

    internal RamModelProbeProvider(Func<MemoryInventory> detectMemory, Func<IResidentMemory> residentFactory)
    {
        this.detectMemory = detectMemory;
        this.residentFactory = residentFactory;
    }

    /// <inheritdoc/>
    public string Name => "ram-model";

    /// <inheritdoc/>
    public string Syntax => "ram-model";

    /// <inheritdoc/>
    public int? AutoRank => Rank;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => [];

    /// <inheritdoc/>
    public string? ValidateArgument(string? argument) =>
        string.IsNullOrWhiteSpace(argument) ? null : $"Probe 'ram-model' takes no argument, found 'ram-model:{argument}'.";

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        if (ValidateArgument(argument) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        return ProbeOffer.Of(new RamModelProbe(residentFactory(), detectMemory()));
    }

    private static IResidentMemory CreateResident()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return new ProcStatmResidentMemory();
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return new WorkingSetResidentMemory();
    }
}

using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Estimators;

/// <summary><c>cpu-model</c>: this process's CPU energy estimated from its CPU time and the CPU's TDP (labelled estimated).</summary>
internal sealed class CpuModelProbeProvider : IProbeProvider
{
    /// <summary>The auto rank: after every hardware counter.</summary>
    public const int Rank = 100;

    private readonly Func<CpuInventory> detectCpu;
    private readonly Func<IProcessCpuTime> cpuTimeFactory;
    private readonly TimeProvider clock;

    /// <summary>Creates the provider for this machine.</summary>
    public CpuModelProbeProvider()
        : this(CpuInventory.Detect, CreateCpuTime, TimeProvider.System)
    {
    }

    internal CpuModelProbeProvider(Func<CpuInventory> detectCpu, Func<IProcessCpuTime> cpuTimeFactory, TimeProvider clock)
    {
        this.detectCpu = detectCpu;
        this.cpuTimeFactory = cpuTimeFactory;
        this.clock = clock;
    }

    /// <inheritdoc/>
    public string Name => "cpu-model";

    /// <inheritdoc/>
    public string Syntax => "cpu-model";

    /// <inheritdoc/>
    public int? AutoRank => Rank;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => CpuModelEstimate.Definitions;

    /// <inheritdoc/>
    public string? ValidateArgument(string? argument) =>
        string.IsNullOrWhiteSpace(argument) ? null
        : $"Probe 'cpu-model' takes no argument, found 'cpu-model:{argument}'. Set {CpuModelEstimate.TdpSetting} or {CpuModelEstimate.ModelSetting} instead.";

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ValidateArgument(argument) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        var estimate = CpuModelEstimate.Resolve(detectCpu(), CpuPowerTable.Default, settings);
        return ProbeOffer.Of(new CpuModelProbe(estimate, cpuTimeFactory(), clock));
    }

    private static IProcessCpuTime CreateCpuTime() =>
        OperatingSystem.IsLinux() ? new LinuxProcessCpuTime() : new PortableProcessCpuTime();
}

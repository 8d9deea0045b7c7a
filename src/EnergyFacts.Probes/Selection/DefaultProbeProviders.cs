using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Estimators;
using EnergyFacts.Probes.Nvml;
using EnergyFacts.Probes.Rapl;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Probes;

/// <summary>The providers EnergyFacts ships, in one place.</summary>
public static class DefaultProbeProviders
{
    /// <summary>Every shipped provider.</summary>
    public static IReadOnlyList<IProbeProvider> All { get; } =
    [
        new RaplProbeProvider(),
        new NvmlProbeProvider(),
        new CpuModelProbeProvider(),
        new RamModelProbeProvider(),
        new ConstantProbeProvider(),
        new ReplayProbeProvider(),
    ];

    /// <summary>A catalogue of <see cref="All"/>.</summary>
    public static ProbeCatalog CreateCatalog() => new(All);
}

using System.Globalization;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Estimators;

/// <summary>
/// The power model behind <c>cpu-model</c>: which TDP applies to this machine and why, in CodeCarbon's process mode
/// <c>P = TDP × (Δ process CPU seconds / Δ wall seconds) / logical CPUs</c>.
/// </summary>
/// <param name="MachineTdp">TDP of all packages together (table TDP × sockets, the override, or threads × 4 W).</param>
/// <param name="LogicalCpus">Logical CPUs the TDP is shared between.</param>
/// <param name="ModelName">The CPU model used for the lookup (null when unknown).</param>
/// <param name="Legend">One sentence saying which rule produced <paramref name="MachineTdp"/>.</param>
internal sealed record CpuModelEstimate(Watts MachineTdp, int LogicalCpus, string? ModelName, string Legend)
{
    /// <summary>CodeCarbon's <c>DEFAULT_POWER_PER_CORE</c>: watts per logical CPU when the model is not in the table.</summary>
    public const double FallbackWattsPerThread = 4;

    /// <summary>Setting that replaces the TDP (watts for all sockets together).</summary>
    public const string TdpSetting = "ENERGYFACTS_TDP_WATTS";

    /// <summary>Setting that replaces the detected CPU model name.</summary>
    public const string ModelSetting = "ENERGYFACTS_CPU_MODEL";

    /// <summary>
    /// The largest TDP override believed (watts, all sockets together): the largest server CPUs are rated about 500 W per
    /// socket, so more than this is a typo or a unit mistake (mW, kW), not a machine.
    /// </summary>
    public const double MaxPlausibleTdpWatts = 2000;

    private const string TdpAllowed = "a CPU TDP: a plausible number of watts > 0 and ≤ 2000 for all CPU sockets together, e.g. 240 or 65.5";

    /// <summary>The settings <c>cpu-model</c> understands.</summary>
    internal static IReadOnlyList<ProbeSettingDefinition> Definitions { get; } =
    [
        new(TdpSetting,
            "TDP used by cpu-model instead of the cpu_power.csv entry for this CPU.",
            "the cpu_power.csv TDP of the detected CPU model × sockets, else 4 W per logical CPU",
            TdpAllowed,
            value => string.IsNullOrWhiteSpace(value) || TryParseTdp(value, out _) ? null : TdpProblem(value)),
        new(ModelSetting,
            "CPU model name looked up in cpu_power.csv instead of the detected one.",
            "the model from /proc/cpuinfo (Linux), the registry (Windows) or sysctl (macOS)",
            "one line of text, e.g. 'AMD EPYC 7B13'",
            value => SettingRules.OneLineProblem(ModelSetting, value, "one line of text, e.g. 'AMD EPYC 7B13'")),
    ];

    /// <summary>Energy of one CPU-second of this process: TDP / logical CPUs.</summary>
    public Joules PerCpuSecond => new(MachineTdp.Value / LogicalCpus);

    /// <summary>Chooses the TDP from the settings, the detected CPU and the table.</summary>
    /// <exception cref="ProbeConfigurationException">The TDP override is not a positive number.</exception>
    public static CpuModelEstimate Resolve(CpuInventory cpu, CpuPowerTable table, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        var threads = Math.Max(1, cpu.LogicalCpus);
        var modelOverride = settings.Get(ModelSetting);
        if (modelOverride is not null && Definitions[1].Validate(modelOverride) is { } badModel)
        {
            throw new ProbeConfigurationException(badModel);
        }

        var model = string.IsNullOrWhiteSpace(modelOverride) ? cpu.ModelName : modelOverride.Trim();
        var modelOrigin = string.IsNullOrWhiteSpace(modelOverride) ? cpu.Origin : ModelSetting;
        var share = string.Create(CultureInfo.InvariantCulture,
            $"× this process's CPU seconds per wall second ÷ {threads} logical CPU{(threads == 1 ? "" : "s")} (CodeCarbon process mode)");

        var tdpOverride = settings.Get(TdpSetting);
        if (!string.IsNullOrWhiteSpace(tdpOverride))
        {
            if (!TryParseTdp(tdpOverride, out var watts))
            {
                throw new ProbeConfigurationException(TdpProblem(tdpOverride));
            }

            return new CpuModelEstimate(new Watts(watts), threads, model, string.Create(CultureInfo.InvariantCulture,
                $"TDP {watts:0.###} W from {TdpSetting} for '{model ?? "unknown CPU"}' {share}"));
        }

        if (model is not null && table.Lookup(model) is { } match)
        {
            var sockets = Math.Max(1, cpu.Sockets);
            var total = match.Tdp.Value * sockets;
            var how = match.Kind == TdpMatchKind.Exact ? "" : $" (matched row '{match.TableName}')";
            var socketText = sockets == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" × {sockets} sockets");
            return new CpuModelEstimate(new Watts(total), threads, model, string.Create(CultureInfo.InvariantCulture,
                $"TDP {match.Tdp.Value:0.###} W{socketText} from cpu_power.csv for '{model}'{how} {share}"));
        }

        var fallback = threads * FallbackWattsPerThread;
        var why = model is null
            ? $"CPU model unknown ({modelOrigin} has none)"
            : $"CPU model '{model}' not in cpu_power.csv";
        return new CpuModelEstimate(new Watts(fallback), threads, model, string.Create(CultureInfo.InvariantCulture,
            $"{why}: {threads} thread{(threads == 1 ? "" : "s")} × {FallbackWattsPerThread:0} W = {fallback:0.###} W {share}; set {TdpSetting} or {ModelSetting} to correct it"));
    }

    private static bool TryParseTdp(string text, out double watts) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out watts)
        && double.IsFinite(watts) && watts > 0 && watts <= MaxPlausibleTdpWatts;

    private static string TdpProblem(string value) => $"{TdpSetting} = '{value}' is not allowed; expected {TdpAllowed}.";
}

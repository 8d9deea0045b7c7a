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
public sealed record CpuModelEstimate(Watts MachineTdp, int LogicalCpus, string? ModelName, string Legend)
{
    /// <summary>CodeCarbon's <c>DEFAULT_POWER_PER_CORE</c>: watts per logical CPU when the model is not in the table.</summary>
    public const double FallbackWattsPerThread = 4;

    /// <summary>Setting that replaces the TDP (watts for all sockets together).</summary>
    public const string TdpSetting = "ENERGYFACTS_TDP_WATTS";

    /// <summary>Setting that replaces the detected CPU model name.</summary>
    public const string ModelSetting = "ENERGYFACTS_CPU_MODEL";

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
        var model = string.IsNullOrWhiteSpace(modelOverride) ? cpu.ModelName : modelOverride.Trim();
        var modelOrigin = string.IsNullOrWhiteSpace(modelOverride) ? cpu.Origin : ModelSetting;
        var share = string.Create(CultureInfo.InvariantCulture,
            $"× this process's CPU seconds per wall second ÷ {threads} logical CPU{(threads == 1 ? "" : "s")} (CodeCarbon process mode)");

        var tdpOverride = settings.Get(TdpSetting);
        if (!string.IsNullOrWhiteSpace(tdpOverride))
        {
            if (!double.TryParse(tdpOverride, NumberStyles.Float, CultureInfo.InvariantCulture, out var watts)
                || !double.IsFinite(watts) || watts <= 0)
            {
                throw new ProbeConfigurationException(
                    $"{TdpSetting} = '{tdpOverride}' is not allowed; expected a positive number of watts for all CPU sockets together, e.g. 240 or 65.5.");
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
}

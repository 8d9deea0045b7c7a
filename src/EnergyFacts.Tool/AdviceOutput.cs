using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyFacts.Advice;

namespace EnergyFacts.Tool;

/// <summary>Writes a <see cref="TradeOffAdvice"/> as text for people or as one JSON object for machines.</summary>
internal static class AdviceOutput
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The advice as one JSON object: <c>choice</c>, <c>pareto</c>, <c>saving</c>, <c>separated_by_energy</c>, <c>excluded</c>.</summary>
    public static string ToJson(TradeOffAdvice advice, int trials)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var objective = advice.Constraints.CheapestBy;
        var document = new JsonObject
        {
            ["cheapest_by"] = "energy per " + objective.Token(),
            ["aggregation"] = "median of trials",
            ["latency_unit"] = "ms/sample",
            ["trials"] = trials,
            ["configurations"] = advice.Configurations.Count,
            ["choice"] = advice.Choice is { } c ? Describe(c) : null,
            ["pareto"] = new JsonArray([.. advice.Pareto.Select(p => (JsonNode)Describe(p))]),
            ["pareto_axes"] = advice.ParetoUsesLatency ? "accuracy, energy, latency" : "accuracy, energy (latency unknown for some configurations)",
            ["saving"] = advice.Saving is { } s
                ? new JsonObject
                {
                    ["versus"] = Describe(s.MostAccurate),
                    ["joules"] = s.SavedJoules,
                    ["unit"] = objective == EnergyObjective.PerSample ? "J/sample" : "J",
                    ["percent"] = s.SavedPercent,
                    ["top1_given_up"] = s.Top1GivenUp,
                }
                : null,
            ["separated_by_energy"] = new JsonObject
            {
                ["answer"] = advice.EnergySeparates,
                ["top1_tolerance"] = advice.Tolerances.Top1,
                ["latency_tolerance"] = advice.Tolerances.LatencyFraction,
                ["energy_ratio_threshold"] = advice.Tolerances.EnergyRatio,
                ["pairs"] = new JsonArray([.. advice.PairsWithinTolerance.Select(p => (JsonNode)new JsonObject
                {
                    ["cheaper"] = Describe(p.Cheaper),
                    ["costlier"] = Describe(p.Costlier),
                    ["top1_difference"] = p.Top1Difference,
                    ["latency_ratio"] = p.LatencyRatio,
                    ["energy_ratio"] = p.EnergyRatio,
                    ["separated"] = p.Separated,
                })]),
            },
            ["excluded"] = new JsonArray([.. advice.Excluded.Concat(advice.Unusable).Select(e => (JsonNode)new JsonObject
            {
                ["configuration"] = e.Configuration.Key.ToString(),
                ["reasons"] = new JsonArray([.. e.Reasons.Select(r => (JsonNode)JsonValue.Create(r))]),
            })]),
        };
        return document.ToJsonString(Json);
    }

    /// <summary>The advice as a few lines and tables of text.</summary>
    public static void WriteText(TextWriter output, TradeOffAdvice advice, string source, int trials)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(advice);
        var objective = advice.Constraints.CheapestBy;
        output.WriteLine(Text($"{advice.Configurations.Count} configurations from {trials} trials in {source} (trials aggregated by median; cheapest by {objective.Describe()}; latency in ms per sample)."));
        if (advice.Choice is { } choice)
        {
            output.WriteLine($"Choice: {choice.Key}: {Figures(choice, objective)}.");
        }

        if (advice.Saving is { } s)
        {
            output.WriteLine(Text($"Saving against the most accurate ({s.MostAccurate.Key}, top-1 {s.MostAccurate.Top1:0.####}): {s.SavedJoules:G4} {Unit(objective)} ({s.SavedPercent:0.#} %) for {s.Top1GivenUp:0.####} top-1 given up."));
        }

        output.WriteLine();
        output.WriteLine(advice.ParetoUsesLatency ? "Pareto set (accuracy↑, energy↓, latency↓):" : "Pareto set (accuracy↑, energy↓; latency left out, unknown for some configurations):");
        output.WriteLine("| configuration | top-1 | energy (J) | J/sample | latency (ms/sample) | trials |");
        output.WriteLine("|:--|--:|--:|--:|--:|--:|");
        foreach (var p in advice.Pareto)
        {
            output.WriteLine(Text($"| {Cell(p.Key.ToString())}{(p == advice.Choice ? " (choice)" : string.Empty)} | {p.Top1:0.####} | {p.EnergyPerRun.Value:G4} | {Maybe(p.JoulesPerSample)} | {Maybe(p.Latency?.Value)} | {p.Trials} |"));
        }

        output.WriteLine();
        var t = advice.Tolerances;
        output.WriteLine(Text($"Does energy separate configurations within top-1 ±{t.Top1:0.####} and latency ±{t.LatencyFraction * 100:0.#} % of each other (separated at an energy ratio ≥ {t.EnergyRatio:0.###})? ")
            + advice.EnergySeparates switch { true => "Yes.", false => "No.", null => "No two configurations are that close." });
        foreach (var p in advice.PairsWithinTolerance)
        {
            output.WriteLine(Text($"  {p.Cheaper.Key} vs {p.Costlier.Key}: energy ×{p.EnergyRatio:0.###} ({(p.Separated ? "separated" : "not separated")}), top-1 Δ {p.Top1Difference:0.####}, latency ×{Maybe(p.LatencyRatio)}"));
        }

        if (advice.Excluded.Count + advice.Unusable.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Excluded:");
            foreach (var e in advice.Excluded.Concat(advice.Unusable))
            {
                output.WriteLine($"  {e.Configuration.Key}: {string.Join("; ", e.Reasons)}");
            }
        }
    }

    /// <summary>Which constraint excluded which configurations, e.g. <c>--min-top1 excluded 3 (a; b; c)</c>.</summary>
    public static string ExcludedByConstraint(TradeOffAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        return string.Join("; ", advice.Excluded.Concat(advice.Unusable)
            .SelectMany(e => e.Reasons.Select(r => (Option: r.Split(':')[0], e.Configuration.Key)))
            .GroupBy(x => x.Option, StringComparer.Ordinal)
            .Select(g => Text($"{g.Key} excluded {g.Count()} ({string.Join(", ", g.Select(x => x.Key.ToString()))})")));
    }

    private static JsonObject Describe(MeasuredConfiguration c) => new()
    {
        ["model"] = c.Key.Model,
        ["batch"] = c.Key.BatchSize,
        ["epochs"] = c.Key.Epochs,
        ["device"] = c.Key.Device,
        ["dataset"] = c.Key.Dataset,
        ["accuracy"] = c.Top1,
        ["energy"] = c.EnergyPerRun.Value,
        ["energy_unit"] = "J",
        ["joules_per_sample"] = c.JoulesPerSample,
        ["latency"] = c.Latency?.Value,
        ["latency_unit"] = "ms/sample",
        ["trials"] = c.Trials,
        ["source"] = c.Source,
    };

    private static string Figures(MeasuredConfiguration c, EnergyObjective objective) =>
        Text($"top-1 {c.Top1:0.####}, {c.EnergyPerRun.Value:G4} J per run, {Maybe(c.JoulesPerSample)} J/sample, {Maybe(c.Latency?.Value)} ms/sample ({c.Trials} trials, {(c.Source.Length > 0 ? c.Source : "source unknown")})")
        + (objective == EnergyObjective.PerSample ? "; chosen by J/sample" : string.Empty);

    private static string Unit(EnergyObjective objective) => objective == EnergyObjective.PerSample ? "J/sample" : "J";

    private static string Maybe(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text for a Markdown table cell: a '|' (configurations are written <c>model | batch=…</c>) is escaped.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyFacts.Gates;
using EnergyFacts.Results;

namespace EnergyFacts.Tool;

/// <summary>
/// <c>energyfacts compare BASE CURRENT</c>: per-case deltas between two results folders, cases matched by experiment id,
/// each figure the median of the case's complete trials; with the regression gate's statistics (Hodges–Lehmann ratio,
/// rank bounds, verdict, <see cref="RegressionGate.DecideCase"/>) on the gated figure when both sides have trials.
/// </summary>
internal static class CompareCommand
{
    private static readonly (string Column, string Label, string Unit)[] Figures =
    [
        ("energy_joules", "energy", "J"),
        ("duration", "duration", "s"),
        ("joules_per_sample", "J/sample", "J"),
        ("eval_top1", "top-1", ""),
    ];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>compare</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var baseline = new Argument<string>("BASE") { Description = "The baseline results folder (or results file)." };
        var current = new Argument<string>("CURRENT") { Description = "The current results folder (or results file)." };
        var threshold = new Option<string>("--threshold") { Description = $"Practical regression threshold, {RelativeThreshold.Allowed}.", DefaultValueFactory = _ => "0.05" };
        var confidence = new Option<string>("--confidence") { Description = $"Confidence of the bounds, {GateConfidence.Allowed}.", DefaultValueFactory = _ => "0.95" };
        var figure = new Option<string>("--figure") { Description = "The gated figure: energy, energy-per-sample or duration.", DefaultValueFactory = _ => "energy" };
        figure.AcceptOnlyFromAmong("energy", "energy-per-sample", "duration");
        var allowMismatch = new Option<bool>("--allow-mismatch") { Description = "Gate even when machine, probes or energy source differ (the difference is still stated)." };
        var failInconclusive = new Option<bool>("--fail-inconclusive") { Description = "An inconclusive verdict also exits 1." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (cases with deltas and verdicts) instead of a table." };
        var command = new Command(
            "compare",
            "Per-case deltas (energy, duration, J/sample, top-1; medians of complete trials) between two results folders, cases matched by experiment id, with the regression " +
            "gate's ratio, bounds and verdict on the gated figure when both sides have enough trials. Exit codes: 0 no regression, 1 a case regressed (or was inconclusive " +
            "with --fail-inconclusive), 2 bad input (options, a missing or unreadable folder).")
        {
            baseline, current, threshold, confidence, figure, allowMismatch, failInconclusive, json,
        };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var t = RelativeThreshold.TryParse(parsed.GetValue(threshold)!, out var tProblem) ?? throw new FormatException($"--threshold: {tProblem}; give {RelativeThreshold.Allowed}.");
            var c = GateConfidence.TryParse(parsed.GetValue(confidence)!, out var cProblem) ?? throw new FormatException($"--confidence: {cProblem}; give {GateConfidence.Allowed}.");
            if (!GatedFigure.TryParse(parsed.GetValue(figure), out var gated))
            {
                throw new FormatException("--figure must be energy, energy-per-sample or duration.");
            }

            var settings = new GateSettings
            {
                RegressionThreshold = t,
                Confidence = c,
                Figure = gated!,
                AllowMismatch = parsed.GetValue(allowMismatch),
                FailInconclusive = parsed.GetValue(failInconclusive),
            };
            return Compare(parsed.GetValue(baseline)!, parsed.GetValue(current)!, settings, parsed.GetValue(json), output, error);
        }));
        return command;
    }

    private static int Compare(string basePath, string currentPath, GateSettings settings, bool json, TextWriter output, TextWriter error)
    {
        RecordedResults before, now;
        try
        {
            before = RecordedResults.Read(basePath);
            now = RecordedResults.Read(currentPath);
        }
        catch (Exception e) when (e is ResultsFolderException or ResultsFileFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        foreach (var problem in before.Problems.Concat(now.Problems))
        {
            error.WriteLine(problem);
        }

        var baseCases = Cases(before);
        var currentCases = Cases(now);
        var ids = baseCases.Keys.Union(currentCases.Keys).Order(StringComparer.Ordinal).ToList();
        var results = ids.Select(id => CompareCase(id, baseCases.GetValueOrDefault(id), currentCases.GetValueOrDefault(id), settings, basePath)).ToList();
        var regressed = results.Count(r => r.Verdict is { Kind: GateVerdictKind.Regressed } || (settings.FailInconclusive && r.Verdict is { Kind: GateVerdictKind.Inconclusive }));
        if (json)
        {
            output.WriteLine(new JsonObject
            {
                ["base"] = basePath,
                ["current"] = currentPath,
                ["figure"] = settings.Figure.ToString(),
                ["threshold"] = settings.RegressionThreshold.Fraction,
                ["confidence"] = settings.Confidence.Level,
                ["regressed"] = regressed,
                ["cases"] = new JsonArray([.. results.Select(r => (JsonNode)r.ToJson())]),
            }.ToJsonString(Json));
        }
        else
        {
            WriteTable(output, results, settings);
            output.WriteLine(Text($"{results.Count} cases: {results.Count(r => r.BaseTrials == 0)} only in CURRENT, {results.Count(r => r.CurrentTrials == 0)} only in BASE; {regressed} regressed beyond {settings.RegressionThreshold} ({settings.Figure})."));
        }

        return regressed > 0 ? ExitCodes.GateFailed : ExitCodes.Ok;
    }

    private static Dictionary<string, List<RecordedRow>> Cases(RecordedResults results) =>
        results.Rows.Where(AdviseInput.IsComplete).Where(r => r["experiment_id"].Length > 0)
            .GroupBy(r => r["experiment_id"], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    private static CaseComparison CompareCase(string id, List<RecordedRow>? before, List<RecordedRow>? now, GateSettings settings, string basePath)
    {
        var name = (now ?? before)![0]["experiment_name"];
        var deltas = Figures.Select(f => new FigureDelta(f.Label, f.Unit, Median(before, f.Column), Median(now, f.Column))).ToList();
        CaseVerdict? verdict = null;
        if (before is not null && now is not null)
        {
            verdict = RegressionGate.DecideCase(Measurement(before, settings.Figure), Measurement(now, settings.Figure), settings, basePath);
        }

        return new CaseComparison(id, name.Length > 0 ? name : id, before?.Count ?? 0, now?.Count ?? 0, deltas, verdict);
    }

    private static CaseMeasurement Measurement(List<RecordedRow> rows, GatedFigure figure)
    {
        var first = rows[0];
        var column = figure == GatedFigure.EnergyPerSample ? "joules_per_sample" : figure == GatedFigure.Duration ? "duration" : "energy_joules";
        var values = rows.Select(r => r.Number(column)).OfType<double>().ToList();
        var key = new ExperimentKey(
            first["experiment_name"].Length > 0 ? first["experiment_name"] : first["experiment_id"],
            first["model"],
            (int)(first.WholeNumber("batch_size") ?? 0),
            (int)(first.WholeNumber("epochs") ?? 0),
            NullIfEmpty(first["dataset"]),
            NullIfEmpty(first["device"]));
        var machine = new MachineDescription(first["cpu_model"], NullIfEmpty(first["gpu_model"]), (int)(first.WholeNumber("cpu_count") ?? 0), first["os"]);
        return new CaseMeasurement(key, machine, first["probes"], values.Count == 0 ? [] : [FigureTrials.LowerIsBetter(figure, SourceOf(first["energy_source"]), values)]);
    }

    /// <summary>The gate's source of an <c>energy_source</c> label: the least direct component source wins (imported, replayed, estimated, measured).</summary>
    internal static FigureSource SourceOf(string label) =>
        label.Contains("imported", StringComparison.Ordinal) ? FigureSource.Imported
        : label.Contains("replayed", StringComparison.Ordinal) ? FigureSource.Replayed
        : label.Contains("estimated", StringComparison.Ordinal) ? FigureSource.Estimated
        : FigureSource.Measured;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static double? Median(List<RecordedRow>? rows, string column) =>
        rows is null ? null : EnergyFacts.Advice.MeasuredConfiguration.Median(rows.Select(r => r.Number(column)));

    private static void WriteTable(TextWriter output, List<CaseComparison> results, GateSettings settings)
    {
        output.WriteLine(Text($"| case | trials base/current | energy (J) | duration (s) | J/sample | top-1 | {settings.Figure} ratio [bounds] | verdict |"));
        output.WriteLine("|:--|--:|--:|--:|--:|--:|--:|:--|");
        foreach (var r in results)
        {
            var cells = string.Join(" | ", r.Deltas.Select(d => d.Describe()));
            var ratio = r.Verdict?.Comparison is { } c ? $"{CaseVerdict.Ratio(c.Estimate)} [{CaseVerdict.Ratio(c.Lower)}, {CaseVerdict.Ratio(c.Upper)}]" : "–";
            output.WriteLine(Text($"| {AdviceOutput.Cell(r.Name)} | {r.BaseTrials}/{r.CurrentTrials} | {cells} | {ratio} | {r.VerdictName} |"));
        }

        foreach (var r in results.Where(r => r.Verdict is { Kind: not (GateVerdictKind.Unchanged or GateVerdictKind.Improved) }))
        {
            output.WriteLine($"  {r.Name}: {r.Verdict!.Message}");
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One figure of one case on both sides.</summary>
    private sealed record FigureDelta(string Label, string Unit, double? Base, double? Current)
    {
        public double? Delta => Base is { } b && Current is { } c ? c - b : null;

        public double? Percent => Base is { } b && b != 0 && Delta is { } d ? d / b * 100 : null;

        public string Describe() => Base is null && Current is null ? "–"
            : Text($"{Number(Base)} → {Number(Current)}{(Percent is { } p ? Text($" ({p:+0.#;-0.#;0} %)") : string.Empty)}");

        public JsonObject ToJson() => new() { ["base"] = Base, ["current"] = Current, ["delta"] = Delta, ["percent"] = Percent, ["unit"] = Unit };

        private static string Number(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";
    }

    /// <summary>One case compared.</summary>
    private sealed record CaseComparison(string Id, string Name, int BaseTrials, int CurrentTrials, IReadOnlyList<FigureDelta> Deltas, CaseVerdict? Verdict)
    {
        public string VerdictName => Verdict?.Kind.Name() ?? (BaseTrials == 0 ? "only in CURRENT" : "only in BASE");

        public JsonObject ToJson()
        {
            var figures = new JsonObject();
            foreach (var d in Deltas)
            {
                figures[d.Label] = d.ToJson();
            }

            var c = Verdict?.Comparison;
            return new JsonObject
            {
                ["experiment_id"] = Id,
                ["name"] = Name,
                ["base_trials"] = BaseTrials,
                ["current_trials"] = CurrentTrials,
                ["figures"] = figures,
                ["verdict"] = VerdictName,
                ["ratio"] = c?.Estimate,
                ["lower"] = c?.Lower,
                ["upper"] = c?.Upper,
                ["achieved_confidence"] = c?.AchievedConfidence,
                ["message"] = Verdict?.Message,
            };
        }
    }
}

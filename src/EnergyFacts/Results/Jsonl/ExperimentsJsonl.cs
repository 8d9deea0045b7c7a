using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyFacts.Accounting;

namespace EnergyFacts.Results.Jsonl;

/// <summary>
/// The <c>experiments.jsonl</c> format: one JSON object per line and trial, with <c>schema</c>, every
/// <see cref="ResultColumns"/> column (numbers as JSON numbers; unknown values and NaN/∞ as <c>null</c>, the latter
/// named under <c>non_finite</c>), the per-epoch <c>history</c>, the typed <c>reported_metrics</c>, the trial
/// <c>statistics</c> when known, every <c>settings</c> value with its source, the <c>probe_legends</c> and the energy
/// <c>above_idle</c> when an idle baseline was measured.
/// </summary>
internal static class ExperimentsJsonl
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "experiments.jsonl";

    /// <summary>Value of the <c>schema</c> member of every line; changes when the shape changes incompatibly.</summary>
    public const string Schema = "energyfacts.experiment/2";

    /// <summary>Schemas this version reads: its own and the first (same columns; NaN written as text, settings under <c>extra</c>).</summary>
    public static IReadOnlyList<string> ReadableSchemas { get; } = ["energyfacts.experiment/1", Schema];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Files, not HTML: keep non-ASCII text (CPU names, "⏎", "°") readable. Control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The row as one line of JSON (no line break).</summary>
    public static string FormatRow(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            var nonFinite = new List<(string Name, double Value)>();
            foreach (var column in ResultColumns.All)
            {
                WriteValue(json, column.Name, column.ValueOf(row), nonFinite);
            }

            WriteNonFinite(json, nonFinite);
            json.WriteStartArray("history");
            foreach (var epoch in row.Outcome.History)
            {
                var epochNonFinite = new List<(string Name, double Value)>();
                json.WriteStartObject();
                json.WriteNumber("epoch", epoch.Epoch);
                WriteValue(json, "train_loss", epoch.TrainLoss, epochNonFinite);
                WriteValue(json, "eval_loss", epoch.EvalLoss, epochNonFinite);
                WriteValue(json, "eval_top1", epoch.EvalTop1, epochNonFinite);
                WriteValue(json, "eval_top5", epoch.EvalTop5, epochNonFinite);
                WriteValue(json, "lr", epoch.LearningRate, epochNonFinite);
                json.WriteNumber("samples", epoch.Samples);
                WriteValue(json, "duration", epoch.Duration.TotalSeconds, epochNonFinite);
                WriteValue(json, "energy_joules", epoch.Energy?.Value, epochNonFinite);
                if (epoch.Metrics.Count > 0)
                {
                    json.WriteStartObject("metrics");
                    foreach (var metric in epoch.Metrics)
                    {
                        WriteValue(json, metric.Name, metric.Value, epochNonFinite);
                    }

                    json.WriteEndObject();
                }

                WriteNonFinite(json, epochNonFinite);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("reported_metrics");
            foreach (var metric in row.Outcome.Metrics)
            {
                json.WriteStartObject();
                json.WriteString("name", metric.Name);
                json.WriteNumber("value", metric.Value);
                if (metric.Unit is null)
                {
                    json.WriteNull("unit");
                }
                else
                {
                    json.WriteString("unit", metric.Unit);
                }

                json.WriteBoolean("higher_is_better", metric.HigherIsBetter);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStatistics(json, row.Statistics);
            json.WriteStartArray("settings");
            foreach (var setting in row.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("key", setting.Key);
                json.WriteString("value", setting.Value);
                json.WriteString("source", setting.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("probe_legends");
            foreach (var legend in row.ProbeLegends)
            {
                json.WriteStartObject();
                json.WriteString("probe", legend.ProbeId);
                json.WriteString("legend", legend.Legend);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteAboveIdle(json, row.AboveIdle);
            WriteGate(json, row.Gate);
            WriteTrainingMetrics(json, row.Training);
            json.WriteStartArray("forecasts");
            foreach (var forecast in row.Outcome.Forecasts)
            {
                json.WriteStartObject();
                json.WriteNumber("after_epoch", forecast.AfterEpoch);
                json.WriteNumber("epochs", forecast.Epochs);
                json.WriteString("model", forecast.Model == Accounting.ForecastModel.LinearPerEpoch ? "linear_per_epoch" : "first_epoch_apart");
                WriteValue(json, "predicted_energy_joules", forecast.PredictedTotal.Value);
                WriteValue(json, "energy_so_far_joules", forecast.SpentSoFar?.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads every line's columns as column name → invariant text (empty for <c>null</c>), like <c>EmissionsCsv.Read</c>.</summary>
    /// <exception cref="ResultsFileFormatException">A line is not a JSON object of a readable schema; the message names file and line.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path) => Read(path, damaged: null);

    /// <summary>
    /// Reads every readable line and sets the damaged ones aside into <paramref name="damaged"/> (file, line and why),
    /// for derived files such as <c>summary.md</c>: one damaged line must not stop later experiments from being recorded.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadReadable(string path, List<ResultsFileFormatException> damaged)
    {
        ArgumentNullException.ThrowIfNull(damaged);
        return Read(path, damaged);
    }

    private static List<IReadOnlyDictionary<string, string>> Read(string path, List<ResultsFileFormatException>? damaged)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                rows.Add(ParseLine(line, path, lineNumber));
            }
            catch (ResultsFileFormatException e) when (damaged is not null)
            {
                damaged.Add(e);
            }
        }

        return rows;
    }

    /// <summary>Throws unless <paramref name="firstLine"/> is a line of this schema.</summary>
    internal static void CheckFirstLine(string firstLine, string path) => ParseLine(firstLine, path, 1);

    private static Dictionary<string, string> ParseLine(string line, string path, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ResultsFileFormatException(
                $"'{path}' line {lineNumber} is not valid JSON ({e.Message}); each line must be one JSON object written by EnergyFacts.",
                path,
                lineNumber);
        }

        using (document)
        {
            var root = document.RootElement;
            var schema = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
            if (schema is null || !ReadableSchemas.Contains(schema))
            {
                throw new ResultsFileFormatException(
                    $"'{path}' line {lineNumber} has schema '{schema ?? "(none)"}' but this version of EnergyFacts reads {string.Join(" and ", ReadableSchemas.Select(r => $"'{r}'"))}; the file was " +
                    "written by another tool or version, and appending would mix formats. Choose another results folder " +
                    "(ENERGYFACTS_RESULTS_DIR or --energy-results) or move the file away.",
                    path,
                    lineNumber);
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            var nonFinite = root.TryGetProperty("non_finite", out var n) && n.ValueKind == JsonValueKind.Object ? n : default;
            foreach (var column in ResultColumns.All)
            {
                row[column.Name] = root.TryGetProperty(column.Name, out var value) ? AsText(value) : string.Empty;
                if (row[column.Name].Length == 0 && nonFinite.ValueKind == JsonValueKind.Object
                    && nonFinite.TryGetProperty(column.Name, out var special) && special.ValueKind == JsonValueKind.String)
                {
                    row[column.Name] = special.GetString() ?? string.Empty;
                }
            }

            return row;
        }
    }

    private static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.String => value.GetString() ?? string.Empty,
        _ => value.GetRawText(),
    };

    private static void WriteValue(Utf8JsonWriter json, string name, object? value, List<(string Name, double Value)>? nonFinite = null)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            case double number:
                // JSON has no NaN or infinity: the field stays a number-or-null, and the fact (e.g. a diverged loss)
                // is kept under non_finite rather than dropped or written as a string in a numeric field.
                json.WriteNull(name);
                nonFinite?.Add((name, number));
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, ResultColumn.FormatInvariant(value));
                break;
        }
    }

    private static void WriteNonFinite(Utf8JsonWriter json, List<(string Name, double Value)> nonFinite)
    {
        if (nonFinite.Count == 0)
        {
            return;
        }

        json.WriteStartObject("non_finite");
        foreach (var (name, value) in nonFinite)
        {
            json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    private static void WriteGate(Utf8JsonWriter json, Gates.CaseVerdict? gate)
    {
        if (gate is null)
        {
            json.WriteNull("gate_verdict");
            return;
        }

        // Not "gate": that is the column's text, already written with the columns.
        json.WriteStartObject("gate_verdict");
        json.WriteString("verdict", Gates.GateVerdictNames.Name(gate.Kind));
        json.WriteBoolean("fails", gate.Fails);
        json.WriteString("figure", gate.Figure.ToString());
        WriteValue(json, "unit", gate.Unit);
        json.WriteBoolean("higher_is_better", gate.HigherIsBetter);
        WriteValue(json, "source", gate.Source is { } s ? Gates.FigureSourceNames.Name(s) : null);
        WriteValue(json, "baseline_source", gate.BaselineSource is { } b ? Gates.FigureSourceNames.Name(b) : null);
        json.WriteNumber("trials", gate.CurrentTrials);
        json.WriteNumber("baseline_trials", gate.BaselineTrials);
        json.WriteNumber("minimum_trials", gate.MinimumTrials);
        json.WriteNumber("extra_trials", gate.ExtraTrials);
        WriteValue(json, "threshold", gate.Threshold.Fraction);
        WriteValue(json, "confidence", gate.Confidence.Level);
        if (gate.Comparison is { } c)
        {
            WriteValue(json, "ratio", c.Estimate);
            WriteValue(json, "ratio_low", c.Lower);
            WriteValue(json, "ratio_high", c.Upper);
            WriteValue(json, "achieved_confidence", c.AchievedConfidence);
            WriteValue(json, "baseline_median", c.BaselineMedian);
            WriteValue(json, "current_median", c.CurrentMedian);
        }

        json.WriteStartArray("mismatches");
        foreach (var mismatch in gate.Mismatches)
        {
            json.WriteStringValue(mismatch);
        }

        json.WriteEndArray();
        if (gate.AccuracyRequirement is { } required)
        {
            json.WriteStartObject("accuracy");
            json.WriteString("figure", required.Figure.ToString());
            WriteValue(json, "minimum_gain", required.MinimumGain);
            json.WriteBoolean("accepted", gate.Accuracy?.Accepted ?? false);
            if (gate.Accuracy?.AccuracyGain is { } gain)
            {
                WriteValue(json, "gain", gain.Estimate);
                WriteValue(json, "gain_low", gain.Lower);
                WriteValue(json, "gain_high", gain.Upper);
                WriteValue(json, "achieved_confidence", gain.AchievedConfidence);
            }

            json.WriteEndObject();
        }

        json.WriteString("message", gate.Message);
        json.WriteEndObject();
    }

    private static void WriteTrainingMetrics(Utf8JsonWriter json, Metrics.TrainingMetrics? training)
    {
        if (training is null)
        {
            json.WriteNull("training_metrics");
            return;
        }

        json.WriteStartObject("training_metrics");
        WriteClosest(json, "ttcapc", training.Ttcapc);
        WriteClosest(json, "ttcapec", training.Ttcapec);
        WriteValue(json, "fms", training.Fms);
        WriteValue(json, "asc", training.Asc);
        WriteValue(json, "target", training.Settings.TtcapcTarget);
        WriteValue(json, "alpha", training.Settings.Weights.Alpha);
        WriteValue(json, "beta", training.Settings.Weights.Beta);
        json.WriteString("consumption_unit", Metrics.EnergyUnits.Symbol(training.Settings.Unit.Energy) + "/run");
        WriteValue(json, "price", training.Settings.Price?.ToString());
        json.WriteString("performance", training.Settings.Performance);
        WriteValue(json, "fms_beta", training.Settings.FmsBeta);
        WriteValue(json, "reference_energy_joules", training.Settings.ReferenceEnergy.Value);
        WriteValue(json, "asc_budget_joules", training.AscBudget.Value);
        json.WriteStartArray("empty_because");
        foreach (var reason in training.Missing)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteClosest(Utf8JsonWriter json, string name, Metrics.ClosestApcPoint? point)
    {
        if (point is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        WriteValue(json, "seconds", point.TimeToClosest.TotalSeconds);
        json.WriteNumber("epoch", point.Checkpoint.Epoch);
        WriteValue(json, "score", point.Score.Value);
        WriteValue(json, "accuracy", point.Checkpoint.Accuracy);
        WriteValue(json, "cumulative_energy_joules", point.Checkpoint.CumulativeEnergy.Value);
        json.WriteBoolean("reaches_target", point.ReachesTarget);
        json.WriteEndObject();
    }

    private static void WriteAboveIdle(Utf8JsonWriter json, AboveIdleEnergy? aboveIdle)
    {
        if (aboveIdle is null)
        {
            json.WriteNull("above_idle");
            return;
        }

        json.WriteStartObject("above_idle");
        WriteValue(json, "energy_joules", aboveIdle.Total.Value);
        json.WriteStartArray("components");
        foreach (var component in aboveIdle.Components)
        {
            json.WriteStartObject();
            json.WriteString("component", FileTokens.Of(component.Component));
            WriteValue(json, "idle_power_w", component.IdlePower.Value);
            WriteValue(json, "energy_joules", component.Energy.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatistics(Utf8JsonWriter json, TrialStatistics? statistics)
    {
        if (statistics is null)
        {
            json.WriteNull("statistics");
            return;
        }

        json.WriteStartObject("statistics");
        json.WriteNumber("n", statistics.Count);
        json.WriteNumber("confidence_level", statistics.EnergyJoules.ConfidenceLevel);
        WriteQuantity(json, "energy_joules", statistics.EnergyJoules);
        WriteQuantity(json, "duration", statistics.DurationSeconds);
        WriteQuantity(json, "emissions", statistics.EmissionsKilograms);
        json.WriteEndObject();
    }

    private static void WriteQuantity(Utf8JsonWriter json, string name, QuantityStatistics quantity)
    {
        json.WriteStartObject(name);
        WriteValue(json, "mean", quantity.Mean);
        WriteValue(json, "sd", quantity.StandardDeviation);
        WriteValue(json, "min", quantity.Min);
        WriteValue(json, "max", quantity.Max);
        WriteValue(json, "ci_low", quantity.ConfidenceLow);
        WriteValue(json, "ci_high", quantity.ConfidenceHigh);
        json.WriteEndObject();
    }
}

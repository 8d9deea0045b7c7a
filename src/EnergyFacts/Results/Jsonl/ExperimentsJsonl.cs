using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyFacts.Accounting;

namespace EnergyFacts.Results.Jsonl;

/// <summary>
/// The <c>experiments.jsonl</c> format: one JSON object per line and trial, with <c>schema</c>, every
/// <see cref="ResultColumns"/> column (numbers as JSON numbers, unknown values as <c>null</c>), the per-epoch
/// <c>history</c>, the trial <c>statistics</c> when known and <c>extra</c>.
/// </summary>
internal static class ExperimentsJsonl
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "experiments.jsonl";

    /// <summary>Value of the <c>schema</c> member of every line; changes when the shape changes incompatibly.</summary>
    public const string Schema = "energyfacts.experiment/1";

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
            foreach (var column in ResultColumns.All)
            {
                WriteValue(json, column.Name, column.ValueOf(row));
            }

            json.WriteStartArray("history");
            foreach (var epoch in row.History)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", epoch.Epoch);
                WriteValue(json, "train_loss", epoch.TrainLoss);
                WriteValue(json, "eval_loss", epoch.EvalLoss);
                WriteValue(json, "eval_top1", epoch.EvalTop1);
                WriteValue(json, "eval_top5", epoch.EvalTop5);
                WriteValue(json, "lr", epoch.LearningRate);
                json.WriteNumber("samples", epoch.Samples);
                WriteValue(json, "duration", epoch.Duration.TotalSeconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("reported_metrics");
            foreach (var metric in row.Metrics)
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
            if (row.Extra is null)
            {
                json.WriteNull("extra");
            }
            else
            {
                json.WriteStartObject("extra");
                foreach (var (key, value) in row.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads every line's columns as column name → invariant text (empty for <c>null</c>), like <c>EmissionsCsv.Read</c>.</summary>
    /// <exception cref="ResultsFileFormatException">A line is not a JSON object of this schema; the message names file and line.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
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

            rows.Add(ParseLine(line, path, lineNumber));
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
            if (schema != Schema)
            {
                throw new ResultsFileFormatException(
                    $"'{path}' line {lineNumber} has schema '{schema ?? "(none)"}' but EnergyFacts writes '{Schema}'; the file was " +
                    "written by another tool or version, and appending would mix formats. Choose another results folder " +
                    "(ENERGYFACTS_RESULTS_DIR or --energy-results) or move the file away.",
                    path,
                    lineNumber);
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in ResultColumns.All)
            {
                row[column.Name] = root.TryGetProperty(column.Name, out var value) ? AsText(value) : string.Empty;
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

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
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
                // JSON has no NaN or infinity; keep the fact (e.g. a diverged loss) as text rather than dropping it.
                json.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
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

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyFacts.Results;

namespace EnergyFacts.Tool;

/// <summary>
/// <c>energyfacts forecast-error DIR...</c>: how far the per-epoch energy forecasts EnergyFacts records were from the
/// trials' actual energy, after 10 %, 25 % and 50 % of the epochs, for both models (linear per epoch, as carbontracker;
/// first epoch apart), per case and overall. Only complete trials of two or more epochs count (see <see cref="ForecastTrace"/>).
/// </summary>
internal static class ForecastErrorCommand
{
    /// <summary>The points of the runs the error is measured at: after 10 %, 25 % and 50 % of the epochs.</summary>
    public static IReadOnlyList<double> Fractions { get; } = [0.10, 0.25, 0.50];

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>The <c>forecast-error</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("DIR") { Description = "Results folders (or experiments.jsonl files) whose rows hold per-epoch forecasts.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (cases, overall, skipped rows) instead of tables." };
        var command = new Command(
            "forecast-error",
            "The error |predicted − actual| / actual of the per-epoch energy forecasts recorded in experiments.jsonl, after 10 %, 25 % and 50 % of the epochs " +
            "(the first epoch k with k ≥ share × epochs, at least 1, before the last), for the linear per-epoch model (carbontracker's) and the first-epoch-apart " +
            "model, per case (mean over its trials) and overall (mean, median, max over trials). Only trials that ran all of two or more epochs count. " +
            "Exit codes: 0 measured, 2 bad input (a folder or line that cannot be read, or no trial with forecasts; readable trials are still measured).")
        {
            inputs, json,
        };
        command.SetAction(parsed => Measure(parsed.GetValue(inputs) ?? [], parsed.GetValue(json), output, error));
        return command;
    }

    private static int Measure(string[] inputs, bool json, TextWriter output, TextWriter error)
    {
        var problems = 0;
        var traces = new List<ForecastTrace>();
        var skipped = new List<string>();
        foreach (var input in inputs)
        {
            if (RecordedResults.TryRead(input, error) is not { } results)
            {
                problems++;
                continue;
            }

            foreach (var problem in results.Problems)
            {
                error.WriteLine(problem);
                problems++;
            }

            foreach (var row in results.Rows)
            {
                ForecastTrace? trace;
                string? why;
                try
                {
                    trace = ForecastTrace.Of(row, out why);
                }
                catch (JsonException e)
                {
                    error.WriteLine($"{row.Where}: skipped: its forecasts cannot be read: {e.Message}");
                    problems++;
                    continue;
                }

                if (trace is null)
                {
                    skipped.Add($"{row.Where}: {row["experiment_name"]} trial {row["trial"]}: {why}");
                }
                else
                {
                    traces.Add(trace);
                }
            }
        }

        if (traces.Count == 0)
        {
            error.WriteLine("No trial with per-epoch forecasts to measure: forecasts are made for complete trials of 2 or more epochs that report epochs (ReportEpoch)."
                + (skipped.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $" {skipped.Count} rows were skipped, e.g. {skipped[0]}") : string.Empty));
            return ExitCodes.BadInput;
        }

        var cases = traces.GroupBy(t => t.CaseId, StringComparer.Ordinal).Select(g => (Name: g.First().CaseName, Traces: g.ToList())).ToList();
        var overall = ForecastErrorCell.Of(traces, Fractions);
        if (json)
        {
            output.WriteLine(ToJson(cases, overall, skipped, traces.Count).ToJsonString(Json));
        }
        else
        {
            output.Write(ToMarkdown(cases, overall, skipped, traces.Count));
        }

        return problems > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private static string ToMarkdown(List<(string Name, List<ForecastTrace> Traces)> cases, List<ForecastErrorCell> overall, List<string> skipped, int trials)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Forecast error |predicted − actual| / actual of the run's energy, {trials} trials in {cases.Count} cases; a cell: mean over the case's trials (epoch the forecast was made after).\n\n");
        text.Append("| case | epochs | trials | model | after 10 % | after 25 % | after 50 % |\n|:--|--:|--:|:--|--:|--:|--:|\n");
        foreach (var (name, traces) in cases)
        {
            var cells = ForecastErrorCell.Of(traces, Fractions);
            foreach (var model in ForecastModels.All)
            {
                text.Append("| ").Append(name.Replace("|", "\\|", StringComparison.Ordinal))
                    .Append(" | ").Append(string.Join("/", traces.Select(t => t.Epochs).Distinct()))
                    .Append(" | ").Append(traces.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(model);
                foreach (var cell in cells.Where(c => c.Model == model))
                {
                    text.Append(" | ").Append(cell.Mean is { } mean ? $"{Percent(mean)} (e{string.Join("/", cell.Epochs)})" : "—");
                }

                text.Append(" |\n");
            }
        }

        text.Append("\nOverall, over trials: mean / median / max (trials with a forecast there).\n\n");
        text.Append("| model | after 10 % | after 25 % | after 50 % |\n|:--|--:|--:|--:|\n");
        foreach (var model in ForecastModels.All)
        {
            text.Append("| ").Append(model);
            foreach (var cell in overall.Where(c => c.Model == model))
            {
                text.Append(" | ").Append(cell.Mean is { } mean
                    ? string.Create(CultureInfo.InvariantCulture, $"{Percent(mean)} / {Percent(cell.Median!.Value)} / {Percent(cell.Max!.Value)} (n={cell.Errors.Count})")
                    : "— (n=0)");
            }

            text.Append(" |\n");
        }

        text.Append("\n— : no forecast there (first_epoch_apart needs two epochs; a run's last epoch is not a forecast).\n");
        if (skipped.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{skipped.Count} rows skipped (no forecasts to measure):\n\n");
            foreach (var line in skipped)
            {
                text.Append("- ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static JsonObject ToJson(List<(string Name, List<ForecastTrace> Traces)> cases, List<ForecastErrorCell> overall, List<string> skipped, int trials)
    {
        var caseArray = new JsonArray();
        foreach (var (name, traces) in cases)
        {
            caseArray.Add(new JsonObject
            {
                ["experiment_id"] = traces[0].CaseId,
                ["experiment_name"] = name,
                ["epochs"] = new JsonArray([.. traces.Select(t => t.Epochs).Distinct().Select(e => (JsonNode?)JsonValue.Create(e))]),
                ["trials"] = traces.Count,
                ["errors"] = Cells(ForecastErrorCell.Of(traces, Fractions)),
            });
        }

        return new JsonObject
        {
            ["trials"] = trials,
            ["fractions"] = new JsonArray([.. Fractions.Select(f => (JsonNode?)JsonValue.Create(f))]),
            ["cases"] = caseArray,
            ["overall"] = Cells(overall),
            ["skipped"] = new JsonArray([.. skipped.Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
    }

    // One object per model and fraction: the epochs the forecasts were made after, n, and mean/median/max relative error.
    private static JsonArray Cells(IEnumerable<ForecastErrorCell> cells) =>
        new([.. cells.Select(c => (JsonNode?)new JsonObject
        {
            ["model"] = c.Model,
            ["fraction"] = c.Fraction,
            ["after_epochs"] = new JsonArray([.. c.Epochs.Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["n"] = c.Errors.Count,
            ["mean_relative_error"] = c.Mean,
            ["median_relative_error"] = c.Median,
            ["max_relative_error"] = c.Max,
        })]);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}

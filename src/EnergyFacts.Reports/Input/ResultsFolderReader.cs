using System.Globalization;
using System.Text.Json;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Reports.Input;

/// <summary>
/// Reads EnergyFacts results folders (written by <c>dotnet test</c> or by <c>energyfacts import</c>) for a report:
/// <c>experiments.jsonl</c> when there is one (its rows and their per-epoch history), else <c>emissions.csv</c>
/// (rows without history). Never fatal: a folder, file or line that cannot be read, and a row whose energy is NaN or
/// negative, becomes a <see cref="ReportProblem"/> with file and line, and everything else is still reported.
/// </summary>
internal static class ResultsFolderReader
{
    /// <summary>Reads every folder in order.</summary>
    public static ReportInput Read(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var experiments = new List<ReportedExperiment>();
        var problems = new List<ReportProblem>();
        foreach (var folder in folders)
        {
            var before = experiments.Count;
            ReadFolder(folder, experiments, problems);
            foreach (var experiment in experiments.Skip(before))
            {
                CheckEnergy(experiment, problems);
            }
        }

        return new ReportInput(folders, experiments, problems);
    }

    private static void ReadFolder(string folder, List<ReportedExperiment> experiments, List<ReportProblem> problems)
    {
        if (!Directory.Exists(folder))
        {
            problems.Add(new ReportProblem(folder, null, File.Exists(folder)
                ? "is a file, not a results folder; give the folder that holds experiments.jsonl (a CodeCarbon emissions.csv goes through energyfacts import first)."
                : "no such folder."));
            return;
        }

        var jsonl = Path.Combine(folder, ExperimentsJsonl.FileName);
        var csv = Path.Combine(folder, EmissionsCsv.FileName);
        var before = experiments.Count;
        try
        {
            if (File.Exists(jsonl))
            {
                ReadJsonl(jsonl, experiments, problems);
            }
            else if (File.Exists(csv))
            {
                ReadCsv(csv, experiments);
            }
            else
            {
                problems.Add(new ReportProblem(folder, null,
                    $"holds neither {ExperimentsJsonl.FileName} nor {EmissionsCsv.FileName}: not an EnergyFacts results folder, or no experiment has run there yet."));
                return;
            }
        }
        catch (ResultsFileFormatException e)
        {
            problems.Add(new ReportProblem(e.FilePath.Length > 0 ? e.FilePath : folder, e.LineNumber,
                $"{e.Message} (a CodeCarbon emissions.csv is read by energyfacts import FILE --out DIR, then reported from DIR)"));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ReportProblem(folder, null, $"cannot be read: {e.Message}"));
            return;
        }

        if (experiments.Count == before)
        {
            problems.Add(new ReportProblem(File.Exists(jsonl) ? jsonl : csv, null, "holds no experiment rows."));
        }
    }

    private static void ReadJsonl(string path, List<ReportedExperiment> experiments, List<ReportProblem> problems)
    {
        // The columns come from the library's own reader (schema checks, non_finite values, damaged lines set aside with
        // their line); the history is read here from the same lines, which the reader's rows follow one to one.
        var damaged = new List<ResultsFileFormatException>();
        var rows = ExperimentsJsonl.ReadReadable(path, damaged);
        var damagedLines = damaged.Select(d => d.LineNumber ?? 0).ToHashSet();
        foreach (var problem in damaged)
        {
            problems.Add(new ReportProblem(path, problem.LineNumber, $"{FirstSentence(WithoutPlace(problem.Message, path, problem.LineNumber))}; the line is left out of the report (a torn last line is what an interrupted write leaves)."));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        var next = 0;
        while (reader.ReadLine() is { } line && next < rows.Count)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || damagedLines.Contains(lineNumber))
            {
                continue;
            }

            experiments.Add(new ReportedExperiment(path, lineNumber, rows[next++], History(line)));
        }
    }

    private static void ReadCsv(string path, List<ReportedExperiment> experiments)
    {
        var table = EmissionsCsv.ReadTable(path);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            // Line of the row when no field spans lines, which EnergyFacts' own rows never do.
            experiments.Add(new ReportedExperiment(path, i + 2, table.Rows[i], []));
        }
    }

    private static List<EpochPoint> History(string line)
    {
        using var document = JsonDocument.Parse(line);
        var history = new List<EpochPoint>();
        if (!document.RootElement.TryGetProperty("history", out var epochs) || epochs.ValueKind != JsonValueKind.Array)
        {
            return history;
        }

        foreach (var epoch in epochs.EnumerateArray())
        {
            if (epoch.ValueKind == JsonValueKind.Object && epoch.TryGetProperty("epoch", out var number) && number.TryGetInt32(out var index))
            {
                history.Add(new EpochPoint(
                    index,
                    Finite(epoch, "eval_top1"),
                    Finite(epoch, "train_loss"),
                    Finite(epoch, "eval_loss"),
                    epoch.TryGetProperty("samples", out var samples) && samples.TryGetInt64(out var count) ? count : 0,
                    Finite(epoch, "duration"))
                {
                    EnergyJoules = Finite(epoch, "energy_joules") is { } joules && joules >= 0 ? joules : null,
                });
            }
        }

        return history;
    }

    private static double? Finite(JsonElement epoch, string name) =>
        epoch.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static void CheckEnergy(ReportedExperiment experiment, List<ReportProblem> problems)
    {
        var column = experiment.Text("energy_joules").Length > 0 ? "energy_joules" : "energy_consumed";
        var text = experiment.Text(column);
        var readable = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
        var unit = column == "energy_joules" ? "J" : "kWh";
        var why = text.Length == 0 ? "has no energy (energy_joules and energy_consumed are empty)"
            : !readable ? $"has {column} '{text}', not a number"
            : !double.IsFinite(value) ? $"has {column} {text}, not a finite number"
            : value < 0 ? string.Create(CultureInfo.InvariantCulture, $"has a negative {column} ({value} {unit})")
            : null;
        if (why is not null)
        {
            problems.Add(new ReportProblem(experiment.FilePath, experiment.LineNumber, $"'{experiment.Name}' {why}; it is listed in the table but left out of the plots."));
        }
    }

    // The reader's message starts "'PATH' line N "; the problem prints the place itself.
    private static string WithoutPlace(string message, string path, int? lineNumber)
    {
        var place = string.Create(CultureInfo.InvariantCulture, $"'{path}' line {lineNumber} ");
        return message.StartsWith(place, StringComparison.Ordinal) ? message[place.Length..] : message;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf("; ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}

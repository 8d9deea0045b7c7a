using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Tool;

/// <summary>
/// <c>energyfacts merge DIR... --out DIR</c>: results from several machines or CI shards into one folder, one trial per
/// run id + experiment id + trial. The first copy of a trial is kept (the output folder's own rows first, then the
/// inputs in the order given); a later copy with the same values is a duplicate and skipped; one with different values
/// is a conflict, listed with both sources, and makes the exit code 1. experiments.jsonl lines are copied as they are
/// (every field kept); emissions.csv rows are written in EnergyFacts' CSV format; summary.md is rebuilt. Rows are only
/// appended: nothing in the output folder is overwritten, and a folder holding another tool's files is refused.
/// </summary>
internal static class MergeCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>merge</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("DIR") { Description = "Results folders to merge (e.g. one per machine or CI shard).", Arity = ArgumentArity.OneOrMore };
        var folder = new Option<string>("--out") { Description = "The merged results folder (created if needed; rows are appended, nothing is overwritten).", Required = true };
        var command = new Command(
            "merge",
            "Merges results folders into one, one trial per run id + experiment id + trial: the first copy is kept, identical copies are skipped, and copies with " +
            "different values are reported as conflicts with both sources. Damaged lines and torn tails are reported with file and line and skipped. " +
            "Exit codes: 0 merged, 1 merged but conflicting duplicates were found (the first copy kept; see the list), 2 bad input (a folder or line that cannot be read, " +
            "or an output folder holding another tool's files; readable rows are still merged unless the output folder is refused).")
        {
            inputs, folder,
        };
        command.SetAction(parsed => Merge(parsed.GetValue(inputs) ?? [], parsed.GetValue(folder)!, output, error));
        return command;
    }

    private static int Merge(string[] inputs, string outFolder, TextWriter output, TextWriter error)
    {
        var target = Path.GetFullPath(outFolder);
        var csvPath = Path.Combine(target, EmissionsCsv.FileName);
        var jsonlPath = Path.Combine(target, ExperimentsJsonl.FileName);
        var summaryPath = Path.Combine(target, SummaryMarkdownSink.SummaryFileName);
        var problems = 0;
        try
        {
            using (ResultsFolderLock.Acquire(target, ResultsFolderOptions.Default.LockTimeout))
            {
                // Every file of the output folder is checked before anything is written, so a foreign file leaves the folder as it was.
                CheckFirstLine(csvPath, first => EmissionsCsv.CheckHeader(first, csvPath));
                CheckFirstLine(jsonlPath, first => ExperimentsJsonl.CheckFirstLine(first, jsonlPath));
                CheckFirstLine(summaryPath, first =>
                {
                    if (first != SummaryMarkdown.Marker)
                    {
                        throw new ResultsFileFormatException($"'{summaryPath}' exists but was not written by EnergyFacts (no summary marker on its first line); merge rebuilds summary.md, so it refuses this folder. Choose another --out.", summaryPath, 1);
                    }
                });

                var kept = new Dictionary<(string, string, string), RecordedRow>();
                if (File.Exists(csvPath) || File.Exists(jsonlPath))
                {
                    var existing = RecordedResults.Read(target);
                    problems += Report(existing.Problems, error);
                    foreach (var row in existing.Rows)
                    {
                        kept.TryAdd(row.TrialKey, row);
                    }
                }

                var added = new List<RecordedRow>();
                var traces = new List<(string Folder, string Relative)>();
                var duplicates = 0;
                var conflicts = new List<string>();
                foreach (var input in inputs)
                {
                    if (string.Equals(Path.GetFullPath(input).TrimEnd(Path.DirectorySeparatorChar), target.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                    {
                        continue; // the output folder's rows are already the first copies
                    }

                    if (RecordedResults.TryRead(input, error) is not { } results)
                    {
                        problems++;
                        continue;
                    }

                    problems += Report(results.Problems, error);
                    foreach (var row in results.Rows)
                    {
                        if (!kept.TryGetValue(row.TrialKey, out var first))
                        {
                            kept.Add(row.TrialKey, row);
                            added.Add(row);
                            if (row["power_trace"] is { Length: > 0 } trace)
                            {
                                traces.Add((input, trace));
                            }
                        }
                        else if (Differences(first, row) is { Count: > 0 } differing)
                        {
                            conflicts.Add($"conflict: run {row["run_id"]}, experiment {row["experiment_id"]}, trial {row["trial"]}: kept {first.Where}, skipped {row.Where}; they differ in {string.Join(", ", differing)}");
                        }
                        else
                        {
                            duplicates++;
                        }
                    }
                }

                // The new rows' power traces first, so every row written names a trace that is there.
                var tracesCopied = traces.Count(t => CopyTrace(t.Folder, t.Relative, target, error));
                if (added.Count > 0)
                {
                    AppendOnlyFile.Append(jsonlPath, header: null, first => ExperimentsJsonl.CheckFirstLine(first, jsonlPath), string.Join('\n', added.Select(r => r.JsonLine ?? JsonLineOf(r))), n => error.WriteLine($"note: {n}"));
                    AppendOnlyFile.Append(csvPath, EmissionsCsv.HeaderLine, first => EmissionsCsv.CheckHeader(first, csvPath), string.Join('\n', added.Select(CsvLineOf)), n => error.WriteLine($"note: {n}"));
                }

                RebuildSummary(target, jsonlPath, summaryPath);
                foreach (var conflict in conflicts)
                {
                    error.WriteLine(conflict);
                }

                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Merged {added.Count} new trials from {inputs.Length} folders into {target} ({kept.Count} in all; {duplicates} duplicates skipped, {conflicts.Count} conflicts, {problems} lines or folders that could not be read; {tracesCopied} power traces copied)."));
                return problems > 0 ? ExitCodes.BadInput : conflicts.Count > 0 ? ExitCodes.GateFailed : ExitCodes.Ok;
            }
        }
        catch (Exception e) when (e is ResultsFolderException or ResultsFileFormatException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Could not write the merged folder '{target}': {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    // Copies one power trace (power_trace, relative to its results folder) to the same place under the output folder.
    // A path leaving the folder is refused; a missing trace leaves the row without it; an existing file is never overwritten.
    private static bool CopyTrace(string folder, string relative, string target, TextWriter error)
    {
        var from = Path.GetFullPath(Path.Combine(folder, relative));
        var to = Path.GetFullPath(Path.Combine(target, relative));
        var inside = !Path.IsPathRooted(relative)
            && from.StartsWith(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && to.StartsWith(target.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside)
        {
            error.WriteLine($"note: power_trace '{relative}' in {folder} is not a path inside the results folder; not copied.");
            return false;
        }

        if (!File.Exists(from))
        {
            error.WriteLine($"note: power trace '{from}' is missing; its row is merged without it.");
            return false;
        }

        if (File.Exists(to))
        {
            if (!File.ReadAllBytes(to).AsSpan().SequenceEqual(File.ReadAllBytes(from)))
            {
                error.WriteLine($"note: '{to}' already exists with other content; it is kept, and '{from}' is not copied.");
            }

            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        var temporary = to + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.Copy(from, temporary, overwrite: true);
        File.Move(temporary, to);
        return true;
    }

    private static int Report(IReadOnlyList<string> problems, TextWriter error)
    {
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        return problems.Count;
    }

    /// <summary>The columns in which two copies of a trial differ; numbers compare by value (1E-05 = 0.00001).</summary>
    internal static List<string> Differences(RecordedRow a, RecordedRow b) =>
        [.. ResultColumns.Names.Where(name =>
        {
            string x = a[name], y = b[name];
            return !string.Equals(x, y, StringComparison.Ordinal)
                && !(double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var u) && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && u.Equals(v));
        })];

    private static string CsvLineOf(RecordedRow row) =>
        CsvText.FormatRecord(ResultColumns.All.Select(c => c.Kind == ResultColumnKind.Text ? EmissionsCsv.DefuseFormula(CsvText.OneLine(row[c.Name])) : CsvText.OneLine(row[c.Name])));

    // A row read from emissions.csv only has its columns: its experiments.jsonl line holds those, typed as the format types them.
    private static string JsonLineOf(RecordedRow row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("schema", ExperimentsJsonl.Schema);
            foreach (var column in ResultColumns.All)
            {
                var text = row[column.Name];
                if (text.Length == 0)
                {
                    json.WriteNull(column.Name);
                }
                else if (column.Kind is ResultColumnKind.Number or ResultColumnKind.WholeNumber
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    json.WriteNumber(column.Name, number);
                }
                else
                {
                    json.WriteString(column.Name, text);
                }
            }

            json.WriteStartArray("history");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Utf8.GetString(buffer.ToArray());
    }

    private static void RebuildSummary(string folder, string jsonlPath, string summaryPath)
    {
        var setAside = new List<ResultsFileFormatException>();
        var rows = File.Exists(jsonlPath) ? ExperimentsJsonl.ReadReadable(jsonlPath, setAside) : [];
        var temporary = Path.Combine(folder, $".{SummaryMarkdownSink.SummaryFileName}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, SummaryMarkdown.RenderFolder(rows, setAside), Utf8);
        File.Move(temporary, summaryPath, overwrite: true);
    }

    private static void CheckFirstLine(string path, Action<string> check)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length > 0)
        {
            check(AppendOnlyFile.ReadFirstLine(file));
        }
    }
}

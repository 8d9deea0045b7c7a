using System.CommandLine;
using EnergyFacts.Results;
using EnergyFacts.Results.CodeCarbon;

namespace EnergyFacts.Tool;

/// <summary><c>energyfacts import FILE... [--out DIR]</c>: CodeCarbon emissions.csv files into an EnergyFacts results folder.</summary>
internal static class ImportCommand
{
    /// <summary>The default results folder.</summary>
    public const string DefaultFolder = "energy-results";

    /// <summary>The <c>import</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("FILE") { Description = "CodeCarbon emissions.csv files, any version from 0.0.9 to 3.3.0.", Arity = ArgumentArity.OneOrMore };
        var folder = new Option<string>("--out") { Description = $"Results folder to append to (created if needed; nothing there is overwritten).", DefaultValueFactory = _ => DefaultFolder };
        var command = new Command(
            "import",
            "Imports CodeCarbon emissions.csv files into an EnergyFacts results folder (emissions.csv, experiments.jsonl, summary.md). Columns are matched by name; " +
            "reordered, missing and extra columns and 3.2.9/3.3.0 ragged rows are handled; accuracy in percent is normalised to fractions. Rows that cannot be read " +
            "are reported with file and line and skipped. Exit codes: 0 every row imported, 2 a file or row could not be read (the rest is still imported).")
        {
            files, folder,
        };
        command.SetAction(parsed => Import(parsed.GetValue(files) ?? [], parsed.GetValue(folder) ?? DefaultFolder, output, error));
        return command;
    }

    private static int Import(string[] paths, string folder, TextWriter output, TextWriter error)
    {
        var rows = new List<ImportedRow>();
        var problems = 0;
        foreach (var path in paths)
        {
            CodeCarbonFile file;
            try
            {
                file = CodeCarbonCsvReader.Read(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{path}: cannot be read: {e.Message}");
                problems++;
                continue;
            }

            output.WriteLine($"{path}: {file.Rows.Count} rows read (CodeCarbon {file.ColumnSet?.Versions ?? "unknown"} columns)");
            foreach (var note in file.Notes)
            {
                output.WriteLine($"  note: {note}");
            }

            foreach (var note in file.Rows.SelectMany(r => r.Notes).Distinct(StringComparer.Ordinal).Where(n => !n.StartsWith("line ", StringComparison.Ordinal)))
            {
                output.WriteLine($"  note: {note}");
            }

            var rebuilt = file.Rows.Count(r => r.Notes.Any(n => n.StartsWith("line ", StringComparison.Ordinal)));
            if (rebuilt > 0)
            {
                output.WriteLine($"  note: {rebuilt} short rows (CodeCarbon 3.2.9/3.3.0 offline mode) rebuilt by column type; see each row's warnings");
            }

            foreach (var problem in file.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            problems += file.Problems.Count;
            rows.AddRange(file.Rows);
        }

        try
        {
            var written = CodeCarbonImport.Write(folder, rows);
            output.WriteLine($"Imported {written} rows from {paths.Length} files into {Path.GetFullPath(folder)}{(problems > 0 ? $"; {problems} problems reported above" : string.Empty)}.");
        }
        catch (Exception e) when (e is ResultsFolderException or ResultsFileFormatException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        return problems > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}

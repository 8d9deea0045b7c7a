using System.CommandLine;
using EnergyFacts.Metrics;
using EnergyFacts.Reports;

namespace EnergyFacts.Tool;

/// <summary><c>energyfacts report DIR... [--out DIR] [--xlsx]</c>: report.html, report.md (and report.xlsx) from results folders.</summary>
internal static class ReportCommand
{
    /// <summary>The <c>report</c> verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folders = new Argument<string[]>("DIR")
        {
            Description = "EnergyFacts results folders (from dotnet test or energyfacts import), one or several.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outFolder = new Option<string?>("--out") { Description = "Folder for the report files [default: the first DIR]. Only report.* files are written there." };
        var spreadsheet = new Option<bool>("--xlsx") { Description = "Also write report.xlsx: the results table and the per-epoch history." };
        var alpha = new Option<double>("--apc-alpha") { Description = "α of the APC column and curves, 0 to 1.", DefaultValueFactory = _ => ApcWeights.DefaultAlpha };
        var beta = new Option<double>("--apc-beta") { Description = "β ≥ 0 of the APC column and curves (consumption in Wh per run).", DefaultValueFactory = _ => ApcWeights.DefaultBeta };
        var command = new Command(
            "report",
            "Writes report.html (one self-contained file: inline CSS, plots as embedded PNGs, no scripts, works offline) and report.md with its PNGs: " +
            "per trial energy, emissions, duration, accuracy and APC, and plots of accuracy against energy with the Pareto front, energy against duration by batch size, " +
            "accuracy and energy per epoch and APC curves; measured, estimated, replayed and imported energy are told apart by marker and colour. " +
            "Unreadable lines and NaN or negative energies are reported with file and line, and the rest is still reported. " +
            "Exit codes: 0 report written from every row, 2 bad input (the report is still written from the readable rows, unless there were none).")
        {
            folders, outFolder, spreadsheet, alpha, beta,
        };
        command.SetAction(EnergyFactsCommandLine.Guarded(error, parsed =>
        {
            var paths = parsed.GetValue(folders) ?? [];
            var options = new ReportOptions(paths, parsed.GetValue(outFolder) ?? paths[0], parsed.GetValue(spreadsheet), new ApcWeights(parsed.GetValue(alpha), parsed.GetValue(beta)));
            return Report(options, output, error);
        }));
        return command;
    }

    private static int Report(ReportOptions options, TextWriter output, TextWriter error)
    {
        ReportOutcome outcome;
        try
        {
            outcome = ReportWriter.Write(options, DateTimeOffset.Now);
        }
        catch (ReportOverwriteException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        foreach (var problem in outcome.Input.Problems)
        {
            error.WriteLine(problem.ToString());
        }

        if (outcome.FilesWritten.Count == 0)
        {
            error.WriteLine($"No experiment rows in {string.Join(", ", options.ResultsFolders)}; no report written.");
            return ExitCodes.BadInput;
        }

        output.WriteLine($"Report of {outcome.Input.Experiments.Count} trials from {options.ResultsFolders.Count} folders: {string.Join(", ", outcome.FilesWritten.Where(f => !f.EndsWith(".png", StringComparison.Ordinal)))}" +
            $"{(outcome.Input.Problems.Count > 0 ? $"; {outcome.Input.Problems.Count} input problems reported above and in the report" : string.Empty)}.");
        return outcome.Input.Problems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}

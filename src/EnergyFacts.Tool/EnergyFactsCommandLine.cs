using System.CommandLine;

namespace EnergyFacts.Tool;

/// <summary>The <c>energyfacts</c> command line: the verbs, their options and the exit codes (<see cref="ExitCodes"/>).</summary>
internal static class EnergyFactsCommandLine
{
    /// <summary>Runs one command line, writing results to <paramref name="output"/> and messages to <paramref name="error"/>.</summary>
    /// <returns>The exit code: 0 ok, 1 a gate failed, 2 bad input.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand($"EnergyFacts: import CodeCarbon output, report, compare, merge, advise on and measure the forecast error of EnergyFacts results folders, and green-AI metrics for given numbers. {ExitCodes.Legend}")
        {
            MetricsCommands.Create(output, error),
            ImportCommand.Create(output, error),
            ReportCommand.Create(output, error),
            AdviseCommand.Create(output, error),
            CompareCommand.Create(output, error),
            MergeCommand.Create(output, error),
            ForecastErrorCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine("Run with --help for the options.");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>An action that turns an argument the metrics refuse into exit code 2 with the metric's own message.</summary>
    internal static Func<ParseResult, int> Guarded(TextWriter error, Func<ParseResult, int> action) => parsed =>
    {
        try
        {
            return action(parsed);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            error.WriteLine(FirstLine(e.Message));
            return ExitCodes.BadInput;
        }
    };

    // ArgumentOutOfRangeException appends "(Parameter 'x')" and "Actual value was …" lines; the first line says it all.
    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}

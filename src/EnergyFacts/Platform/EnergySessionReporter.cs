using EnergyFacts.Configuration;
using EnergyFacts.Results.Jsonl;
using EnergyFacts.Results.Markdown;
using EnergyFacts.Results.Terminal;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.Services;

namespace EnergyFacts.Platform;

/// <summary>
/// At the end of a test session that ran experiments: publishes <c>summary.md</c> as a session artifact (so
/// <c>dotnet test</c> lists where the results are) and appends the run's summary to <c>$GITHUB_STEP_SUMMARY</c>.
/// </summary>
internal sealed class EnergySessionReporter(IMessageBus messageBus) : ITestSessionLifetimeHandler, IDataProducer
{
    public string Uid => "EnergyFacts.SessionReporter";

    public string Version => typeof(EnergySessionReporter).Assembly.GetName().Version?.ToString() ?? "0";

    public string DisplayName => "EnergyFacts results";

    public string Description => "Publishes the energy results of the session.";

    public Type[] DataTypesProduced => [typeof(SessionFileArtifact)];

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext) => Task.CompletedTask;

    public async Task OnTestSessionFinishingAsync(ITestSessionContext testSessionContext)
    {
        ArgumentNullException.ThrowIfNull(testSessionContext);
        if (PlatformHandoff.Published is not { } run)
        {
            return;
        }

        var settings = run.Settings;

        var summary = new FileInfo(Path.Combine(settings.ResultsDirectory, SummaryMarkdownSink.SummaryFileName));
        // Only a session that ran experiments wrote (or rewrote) the summary.
        if (!summary.Exists || summary.LastWriteTimeUtc < run.StartedAt.UtcDateTime)
        {
            return;
        }

        if (settings.GitHubStepSummary is { } stepSummary)
        {
            try
            {
                new SummaryMarkdownSink(settings.ResultsDirectory).AppendRunSummaryTo(stepSummary, run.RunId);
            }
            catch (IOException)
            {
                // The step summary is a convenience; the results folder already holds everything.
            }
        }

        PrintResultsTable(settings.ResultsDirectory, run.RunId);
        await messageBus.PublishAsync(
            this,
            new SessionFileArtifact(testSessionContext.SessionUid, summary, "Energy summary", "EnergyFacts results: " + settings.ResultsDirectory));
    }

    // Once per run, after the last experiment. `dotnet test` (MTP mode) hides text sent through MTP's output device and
    // shows a passing test application's console output nowhere, so under `dotnet test` with a terminal the table goes
    // to the terminal itself; otherwise (run directly, `dotnet run`, CI logs) to the console, which `dotnet test` shows
    // when the run failed.
    private static void PrintResultsTable(string resultsDirectory, Guid runId)
    {
        var jsonl = Path.Combine(resultsDirectory, ExperimentsJsonl.FileName);
        if (!File.Exists(jsonl))
        {
            return;
        }

        string table;
        try
        {
            table = RunResultsTable.Render(ExperimentsJsonl.ReadReadable(jsonl, []), runId);
        }
        catch (IOException)
        {
            return; // The table is a convenience; the results folder holds everything.
        }

        if (table.Length == 0)
        {
            return;
        }

        var text = Environment.NewLine + table + $"results: {resultsDirectory}" + Environment.NewLine;
        if (Console.IsOutputRedirected
            && Environment.GetEnvironmentVariable("DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY") is { Length: > 0 }
            && TryWriteToTerminal(text))
        {
            return;
        }

        Console.Out.Write(text);
        Console.Out.Flush();
    }

    private static bool TryWriteToTerminal(string text)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var terminal = new StreamWriter(new FileStream("/dev/tty", FileMode.Open, FileAccess.Write));
            terminal.Write(text.Replace("\n", "\r\n", StringComparison.Ordinal));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // No controlling terminal (CI, a service).
        }
    }
}

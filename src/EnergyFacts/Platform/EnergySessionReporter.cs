using EnergyFacts.Configuration;
using EnergyFacts.Results.Markdown;
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

        await messageBus.PublishAsync(
            this,
            new SessionFileArtifact(testSessionContext.SessionUid, summary, "Energy summary", "EnergyFacts results: " + settings.ResultsDirectory));
    }
}

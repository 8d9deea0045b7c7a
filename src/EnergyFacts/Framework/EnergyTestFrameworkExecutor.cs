using System.Reflection;
using EnergyFacts.Configuration;
using EnergyFacts.Trials;
using Xunit.Sdk;
using Xunit.v3;

namespace EnergyFacts.Framework;

/// <summary>
/// xUnit's executor, plus the session's <see cref="EnergyRun"/>: built once before the test cases run, from the
/// configuration the platform validated (or, outside Microsoft.Testing.Platform, from every source but the command
/// line), handed to each experiment case, and disposed after the last.
/// </summary>
internal sealed class EnergyTestFrameworkExecutor(IXunitTestAssembly testAssembly) : XunitTestFrameworkExecutor(testAssembly)
{
    public override async ValueTask RunTestCases(
        IReadOnlyCollection<IXunitTestCase> testCases,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testCases);
        var experiments = testCases.OfType<EnergyTestCase>().ToList();
        if (experiments.Count == 0)
        {
            await base.RunTestCases(testCases, executionMessageSink, executionOptions, cancellationToken);
            return;
        }

        var session = ExperimentSession.Create(TestAssembly.Assembly);
        try
        {
            foreach (var experiment in experiments)
            {
                experiment.Session = session;
            }

            // A shard runs its part of the experiment cases (by stable case id) and every ordinary test.
            if (session.Shard is { Count: > 1 } shard)
            {
                var mine = shard.Select(experiments, e => e.UniqueID).ToHashSet();
                Console.Out.WriteLine($"[energy] shard {shard}: {mine.Count} of {experiments.Count} experiment cases");
                testCases = [.. testCases.Where(c => c is not EnergyTestCase e || mine.Contains(e))];
            }

            await base.RunTestCases(testCases, executionMessageSink, executionOptions, cancellationToken);
        }
        finally
        {
            session.Dispose();
        }
    }
}

/// <summary>The run every experiment case of a session shares, or the configuration error that fails each of them.</summary>
internal sealed class ExperimentSession : IDisposable
{
    private readonly EnergyRun? run;
    private readonly EnergyFactsConfigurationException? error;

    public ExperimentSession(EnergyRun run) => this.run = run;

    public ExperimentSession(EnergyFactsConfigurationException error) => this.error = error;

    /// <summary>The run; throws the session's configuration error for every experiment when there is one.</summary>
    public EnergyRun Run => run ?? throw new EnergyFactsConfigurationException(error!.Message, error);

    /// <summary>The run, or <see langword="null"/> when the session's configuration is invalid.</summary>
    public EnergyRun? RunOrNull => run;

    /// <summary>The shard this session runs, when one was asked for and the configuration is valid.</summary>
    public ExperimentShard? Shard => run?.Settings.Shard;

    public static ExperimentSession Create(Assembly testAssembly)
    {
        try
        {
            var configuration = PlatformHandoff.Published
                ?? RunConfiguration.ForTestApplication(testAssembly, new Dictionary<string, string>(), configFile: null);
            return new ExperimentSession(new EnergyRun(configuration));
        }
        catch (EnergyFactsConfigurationException ex)
        {
            return new ExperimentSession(ex);
        }
    }

    public void Dispose()
    {
        if (run is null)
        {
            return;
        }

        try
        {
            if (run.WriteBaselineIfAsked() is { } path)
            {
                Console.Out.WriteLine($"[energy] baseline written: {path}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Gates.BaselineFormatException)
        {
            Console.Error.WriteLine($"[energy] the baseline could not be written: {e.Message}");
        }
        finally
        {
            run.Dispose();
        }
    }
}

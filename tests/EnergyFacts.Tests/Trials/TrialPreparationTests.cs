using System.Globalization;
using EnergyFacts.Configuration;
using EnergyFacts.Framework;
using EnergyFacts.Results.Csv;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

/// <summary>
/// The preparation (native load, data, model) measured apart from the training it serves, and the threads recorded,
/// through a real <see cref="ExperimentContext"/> in this process with a constant 100 W probe.
/// </summary>
public sealed class TrialPreparationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-preparation-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private EnergyRun NewRun() => new(new RunConfiguration(
        SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = folder,
            ApplicationDirectory = folder,
            DefaultProjectName = "PreparationTests",
            CommandLine = new Dictionary<string, string>
            {
                ["energy-probes"] = "constant:cpu=100,gpu=0,ram=0",
                ["energy-interval"] = "5",
                ["energy-lock-file"] = "experiments.lock",
                ["energy-results"] = "results",
                ["energy-pue"] = "2",
            },
        }),
        Guid.NewGuid()));

    private static ExperimentContext NewContext(EnergyRun run) => new(
        new ExperimentDefinition("mlp", 8, 1, null, "cpu", 1, null), 1, "Train [mlp | batch=8 | epochs=1]", "case-preparation",
        new ExperimentSession(run));

    private IReadOnlyDictionary<string, string> Row() => Assert.Single(EmissionsCsv.Read(Path.Combine(folder, "results", "emissions.csv")));

    private static double Number(IReadOnlyDictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public void The_preparation_is_reported_apart_and_left_out_of_the_rows_energy_and_duration()
    {
        using var run = NewRun();
        var context = NewContext(run);

        context.BeginTrial();
        using (context.BeginPreparation())
        {
            Thread.Sleep(400);
        }

        Thread.Sleep(80);
        context.AddSamples(100);
        context.ReportEpoch(1, trainLoss: 0.5, evalTop1: 0.8);
        context.EndTrial();

        var row = Row();
        var preparation = Number(row, "preparation_duration");
        var duration = Number(row, "duration");
        Assert.InRange(preparation, 0.4, 5);
        Assert.True(duration < preparation, $"the row's duration {duration} s must not hold the {preparation} s preparation");
        // 100 W × PUE 2 over each window: the preparation's joules belong to it alone.
        Assert.Equal(200 * preparation, Number(row, "preparation_energy_joules"), 200 * preparation * 0.05);
        Assert.Equal(200 * duration, Number(row, "energy_joules"), 200 * duration * 0.05);
        Assert.True(Number(row, "energy_joules") < Number(row, "preparation_energy_joules"));
    }

    [Fact]
    public void Without_a_preparation_its_columns_are_empty()
    {
        using var run = NewRun();
        var context = NewContext(run);

        context.BeginTrial();
        Thread.Sleep(30);
        context.AddSamples(10);
        context.EndTrial();

        var row = Row();
        Assert.Equal("", row["preparation_duration"]);
        Assert.Equal("", row["preparation_energy_joules"]);
        Assert.Equal("", row["intra_op_threads"]);
    }

    [Fact]
    public void A_second_preparation_or_one_after_the_work_began_is_refused_saying_why()
    {
        using var run = NewRun();
        var context = NewContext(run);

        context.BeginTrial();
        context.BeginPreparation().Dispose();
        var twice = Assert.Throws<InvalidOperationException>(() => context.BeginPreparation());
        Assert.Contains("already called", twice.Message, StringComparison.Ordinal);
        context.EndTrial();

        var late = NewContext(run);
        late.BeginTrial();
        late.AddSamples(1);
        var afterWork = Assert.Throws<InvalidOperationException>(() => late.BeginPreparation());
        Assert.Contains("must come before the first ReportEpoch, AddSamples or BeginPhase", afterWork.Message, StringComparison.Ordinal);
        late.EndTrial();
    }

    [Fact]
    public void A_preparation_outside_a_running_trial_is_refused()
    {
        using var run = NewRun();
        var context = NewContext(run);

        var error = Assert.Throws<InvalidOperationException>(() => context.BeginPreparation());
        Assert.Contains("while the experiment's trial runs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threads_an_experiment_ran_with_are_in_its_row()
    {
        using var run = NewRun();
        var context = NewContext(run);

        context.BeginTrial();
        context.UseThreads(intraOp: 3, interOp: 2);
        Thread.Sleep(20);
        context.EndTrial();

        var row = Row();
        Assert.Equal("3", row["intra_op_threads"]);
        Assert.Equal("2", row["inter_op_threads"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.UseThreads(0, 1));
    }
}

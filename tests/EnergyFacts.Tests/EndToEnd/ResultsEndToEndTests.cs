using System.Globalization;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class ResultsEndToEndTests
{
    private static readonly string Trace100W = SampleExperimentsProcess.WriteTrace("time_s,cpu_w,gpu_w,ram_w\n0,100,0,0\n");

    private static double Number(IReadOnlyDictionary<string, string> row, string column) =>
        double.Parse(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public void A_100_W_replay_writes_100_W_times_the_duration_into_a_codecarbon_compatible_row()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "replay:" + Trace100W, "--energy-country", "FRA"]);
        Assert.Equal(0, run.ExitCode);

        var table = EmissionsCsv.ReadTable(run.EmissionsCsv);
        Assert.Equal(ResultColumns.Names, table.Header);
        Assert.Equal(
            ["timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power",
             "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code", "region",
             "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model",
             "longitude", "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent",
             "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue"],
            table.Header.Take(38));
        var row = Assert.Single(table.Rows);
        var duration = Number(row, "duration");
        var cpuJoules = Number(row, "cpu_energy") * 3_600_000;
        Assert.Equal(100 * duration, cpuJoules, 100 * duration * 0.01);
        Assert.Equal(100, Number(row, "cpu_power"), 1.0);
        Assert.Equal(0, Number(row, "gpu_energy"));
        Assert.Equal("France", row["country_name"]);
        Assert.Equal("FRA", row["country_iso_code"]);
        Assert.True(Number(row, "emissions") > 0);
        Assert.Equal("passed", row["status"]);
        Assert.Equal("cpu=replayed;gpu=replayed;ram=replayed", row["energy_source"]);
        Assert.Equal("WithinBudget [sleepy | batch=2 | epochs=1]", row["experiment_name"]);
        Assert.Equal("sleepy", row["model"]);
        Assert.Equal("MaxKilowattHours=1", row["budget"]);
        Assert.True(Number(row, "sample_count") >= 2);
        Assert.True(Number(row, "sampler_cpu_seconds") >= 0);
        Assert.True(File.Exists(Path.Combine(run.ResultsDirectory, "summary.md")));
        Assert.Single(ExperimentsJsonl.Read(Path.Combine(run.ResultsDirectory, "experiments.jsonl")));
    }

    [Fact]
    public void Reported_epochs_fill_the_experiment_columns()
    {
        var run = SampleExperimentsProcess.Run(["--filter-trait", "model=resnet18", "--energy-probes", "constant:cpu=10"]);
        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));

        Assert.Equal("0.5", row["train_loss"]);
        Assert.Equal("0.7", row["eval_top1"]);
        Assert.Equal("1280", row["samples"], StringComparer.Ordinal); // 64 × 10 per epoch × 2 epochs
        Assert.Equal("cpu", row["device"]);
        Assert.Equal("cpu=estimated;gpu=none;ram=none", row["energy_source"]);
        Assert.Equal(10, Number(row, "cpu_power"), 0.01);
    }

    [Fact]
    public void A_throwing_experiment_still_gets_its_row_with_status_error_and_the_energy_it_spent()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Faults.Throws", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(2, run.ExitCode);
        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));
        Assert.Equal("error", row["status"]);
        Assert.Contains("boom", row["message"], StringComparison.Ordinal);
        Assert.True(Number(row, "cpu_energy") * 3_600_000 >= 9.5, "about 100 W for at least 0.1 s");
    }

    [Fact]
    public void An_over_budget_case_is_written_as_over_budget()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Budgets.OverBudget", "--energy-probes", "replay:" + Trace100W]);

        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));
        Assert.Equal("over_budget", row["status"]);
        Assert.Contains("MaxKilowattHours", row["message"], StringComparison.Ordinal);
    }

    [Fact]
    public void Trials_are_each_written_and_the_last_carries_mean_and_spread()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Training.Repeated", "--energy-probes", "replay:" + Trace100W]);

        var rows = EmissionsCsv.Read(run.EmissionsCsv);
        Assert.Equal(["1", "2", "3"], rows.Select(r => r["trial"]).Order(StringComparer.Ordinal));
        Assert.Contains("over 3 trials: energy mean", run.Output, StringComparison.Ordinal);
        var jsonl = File.ReadAllLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl"));
        Assert.Contains(jsonl, line => line.Contains("\"statistics\"", StringComparison.Ordinal) && line.Contains("\"trial\":3", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_country_stops_the_run_before_any_test_and_names_the_code()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"],
            new Dictionary<string, string> { ["ENERGYFACTS_COUNTRY"] = "XYZ" });

        Assert.Equal(BadConfigurationTests.InvalidCommandLine, run.ExitCode);
        Assert.Contains("XYZ", run.Output, StringComparison.Ordinal);
        Assert.Contains("ISO 3166-1 alpha-3", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(run.EmissionsCsv));
    }

    [Fact]
    public void A_results_path_that_cannot_be_a_folder_fails_the_case_naming_it()
    {
        var notAFolder = Path.Combine(Path.GetTempPath(), "energyfacts-file-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(notAFolder, "a file where the results folder should be");
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"], resultsDirectory: notAFolder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(notAFolder, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_emissions_csv_with_another_header_fails_the_case_before_it_is_measured_and_is_left_untouched()
    {
        var dir = SampleExperimentsProcess.NewResultsDirectory();
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, "emissions.csv");
        File.WriteAllText(csv, "timestamp,project_name,something_else\n2024-01-01,x,y\n");
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"], resultsDirectory: dir);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(csv, run.Output, StringComparison.Ordinal);
        Assert.Equal("timestamp,project_name,something_else\n2024-01-01,x,y\n", File.ReadAllText(csv));
        Assert.Contains("has a different header from the one EnergyFacts writes", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[energy] WithinBudget [sleepy | batch=2 | epochs=1] trial 1/1:", run.Output, StringComparison.Ordinal); // nothing measured
        Assert.False(File.Exists(Path.Combine(dir, "experiments.jsonl")));
    }

    [Fact]
    public void The_run_summary_is_appended_to_the_github_step_summary()
    {
        var stepSummary = Path.Combine(Path.GetTempPath(), "energyfacts-step-" + Guid.NewGuid().ToString("N") + ".md");
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"],
            new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = stepSummary });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(@"WithinBudget [sleepy \| batch=2 \| epochs=1] | passed", File.ReadAllText(stepSummary), StringComparison.Ordinal);
    }
}

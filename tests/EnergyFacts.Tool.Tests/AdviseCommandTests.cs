using System.Text.Json;

namespace EnergyFacts.Tool.Tests;

public sealed class AdviseCommandTests
{
    [Fact]
    public void Advise_on_a_recorded_grid_prints_choice_pareto_saving_and_separation_as_json()
    {
        using var root = new TempFolder();
        var folder = ResultsFolders.Write(root, "grid", ResultsFolders.Grid());

        var run = ToolRun.Of("advise", folder, "--min-top1", "0.90", "--where", "dataset=fashion-mnist", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var choice = json.RootElement.GetProperty("choice");
        Assert.Equal("resnet20", choice.GetProperty("model").GetString());
        Assert.Equal(128, choice.GetProperty("batch").GetInt32());
        Assert.Equal(2, choice.GetProperty("epochs").GetInt32());
        Assert.Equal("cpu", choice.GetProperty("device").GetString());
        Assert.Equal(0.902, choice.GetProperty("accuracy").GetDouble());
        Assert.Equal(5600, choice.GetProperty("energy").GetDouble());
        Assert.Equal(5.9, choice.GetProperty("latency").GetDouble(), 9);
        Assert.Equal(6, json.RootElement.GetProperty("pareto").GetArrayLength());
        var saving = json.RootElement.GetProperty("saving");
        Assert.Equal(1300, saving.GetProperty("joules").GetDouble(), 9);
        Assert.Equal(18.84, saving.GetProperty("percent").GetDouble(), 2);
        Assert.Equal("resnet20", saving.GetProperty("versus").GetProperty("model").GetString());
        var separated = json.RootElement.GetProperty("separated_by_energy");
        Assert.True(separated.GetProperty("answer").GetBoolean());
        Assert.Equal(3, separated.GetProperty("pairs").GetArrayLength());
        Assert.Equal(10, json.RootElement.GetProperty("trials").GetInt32());
        Assert.Contains("1 trials that did not run to their end", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_as_text_names_the_choice_and_the_saving()
    {
        using var root = new TempFolder();
        var folder = ResultsFolders.Write(root, "grid", ResultsFolders.Grid(), jsonl: false);

        var run = ToolRun.Of("advise", folder, "--min-top1", "0.88", "--max-latency-ms", "1.5", "--where", "dataset=fashion-mnist");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Choice: lenet | batch=128 | epochs=2 | device=cpu | dataset=fashion-mnist: top-1 0.88, 1180 J per run", run.Output, StringComparison.Ordinal);
        Assert.Contains("Saving against the most accurate (resnet20 | batch=64 | epochs=2 | device=cpu | dataset=fashion-mnist, top-1 0.905): 5720 J (82.9 %)", run.Output, StringComparison.Ordinal);
        Assert.Contains("cheapest by energy per run (J)", run.Output, StringComparison.Ordinal);
        Assert.Contains(@"| lenet \| batch=128 \| epochs=2 \| device=cpu \| dataset=fashion-mnist (choice) | 0.88 | 1180 | 0.059 | 1.45 | 1 |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_configuration_meeting_the_constraints_exits_1_saying_which_constraint_excluded_what()
    {
        using var root = new TempFolder();
        var folder = ResultsFolders.Write(root, "grid", ResultsFolders.Grid());

        var run = ToolRun.Of("advise", folder, "--min-top1", "0.9", "--max-joules", "5000", "--where", "dataset=fashion-mnist");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No configuration meets the constraints: --min-top1 excluded 6 (", run.Error, StringComparison.Ordinal);
        Assert.Contains("--max-joules excluded 2 (resnet20 | batch=64 | epochs=2 | device=cpu | dataset=fashion-mnist, resnet20 | batch=128 | epochs=2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_reads_a_codecarbon_csv_directly()
    {
        using var root = new TempFolder();
        var csv = root.File("emissions.csv",
            "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_name,codecarbon_version,model,batch_size,epochs,eval_top1,samples\n" +
            "2025-01-01T10:00:00,p,5b7a5f44-4f1c-4b8e-9a53-6a1b5b1e0a01,100,0.001,0.002,France,2.3.4,resnet18,64,5,91.5,50000\n" +
            "2025-01-01T11:00:00,p,5b7a5f44-4f1c-4b8e-9a53-6a1b5b1e0a01,50,0.0005,0.001,France,2.3.4,mobilenet,64,5,90.2,50000\n" +
            "2025-01-01T12:00:00,p,5b7a5f44-4f1c-4b8e-9a53-6a1b5b1e0a01,40,0.0004,0.0008,France,2.3.4,lenet,64,5,70.0,50000\n");

        var run = ToolRun.Of("advise", csv, "--min-top1", "0.90", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("mobilenet", json.RootElement.GetProperty("choice").GetProperty("model").GetString());
        Assert.Equal(0.902, json.RootElement.GetProperty("choice").GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(3600, json.RootElement.GetProperty("saving").GetProperty("joules").GetDouble(), 6);
        Assert.Contains("read as a CodeCarbon emissions.csv", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-top1", "1.5")]
    [InlineData("--where", "cifar10")]
    [InlineData("--cheapest-by", "watts")]
    public void Bad_options_exit_2(string option, string value)
    {
        using var root = new TempFolder();
        var folder = ResultsFolders.Write(root, "grid", ResultsFolders.Grid());
        var args = option == "--min-top1" ? new[] { "advise", folder, option, value } : ["advise", folder, "--min-top1", "0.9", option, value];

        var run = ToolRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public void A_missing_folder_and_a_damaged_line_are_reported_with_file_and_line()
    {
        using var root = new TempFolder();
        Assert.Equal(2, ToolRun.Of("advise", Path.Combine(root.Path, "nowhere"), "--min-top1", "0.9").ExitCode);
        var folder = ResultsFolders.Write(root, "grid", ResultsFolders.Grid(), csv: false);
        File.AppendAllText(Path.Combine(folder, "experiments.jsonl"), "{\"schema\":\"energyfacts.experiment/2\",\"model\":");

        var run = ToolRun.Of("advise", folder, "--min-top1", "0.9", "--where", "dataset=fashion-mnist");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("experiments.jsonl:13: skipped", run.Error, StringComparison.Ordinal);
    }
}

using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tool.Tests;

public sealed class MergeCommandTests
{
    [Fact]
    public void Two_shards_merge_into_one_folder_with_duplicates_skipped_and_jsonl_lines_copied_as_they_are()
    {
        using var root = new TempFolder();
        var shared = ResultsFolders.Trial("lenet", 64, 0.88, 1000, 30);
        var shard1 = ResultsFolders.Write(root, "shard1", [shared, ResultsFolders.Trial("mlp", 64, 0.84, 400, 10)]);
        var shard2 = ResultsFolders.Write(root, "shard2", [shared, ResultsFolders.Trial("resnet20", 64, 0.9, 6000, 140, run: ResultsFolders.RunB)]);
        var merged = Path.Combine(root.Path, "merged");

        var run = ToolRun.Of("merge", shard1, shard2, "--out", merged);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Merged 3 new trials from 2 folders", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 duplicates skipped, 0 conflicts", run.Output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(merged, ExperimentsJsonl.FileName));
        Assert.Equal([ResultsFolders.JsonLine(shared), ResultsFolders.JsonLine(ResultsFolders.Trial("mlp", 64, 0.84, 400, 10)), File.ReadAllLines(Path.Combine(shard2, ExperimentsJsonl.FileName))[1]], lines);
        var csv = EmissionsCsv.Read(Path.Combine(merged, EmissionsCsv.FileName));
        Assert.Equal(["lenet", "mlp", "resnet20"], csv.Select(r => r["model"]));
        Assert.Contains("resnet20", File.ReadAllText(Path.Combine(merged, "summary.md")), StringComparison.Ordinal);

        // Merging again adds nothing: every trial is already there.
        var again = ToolRun.Of("merge", shard1, shard2, "--out", merged);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Merged 0 new trials", again.Output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(merged, ExperimentsJsonl.FileName)).Length);
    }

    [Fact]
    public void A_conflicting_duplicate_keeps_the_first_copy_lists_both_sources_and_exits_1()
    {
        using var root = new TempFolder();
        var shard1 = ResultsFolders.Write(root, "shard1", [ResultsFolders.Trial("lenet", 64, 0.88, 1000, 30)]);
        var shard2 = ResultsFolders.Write(root, "shard2", [ResultsFolders.Trial("lenet", 64, 0.88, 1234, 30)]);
        var merged = Path.Combine(root.Path, "merged");

        var run = ToolRun.Of("merge", shard1, shard2, "--out", merged);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"kept {Path.Combine(shard1, "experiments.jsonl")}:1, skipped {Path.Combine(shard2, "experiments.jsonl")}:1; they differ in energy_consumed, energy_joules, joules_per_sample", run.Error, StringComparison.Ordinal);
        Assert.Equal("1000", Assert.Single(EmissionsCsv.Read(Path.Combine(merged, EmissionsCsv.FileName)))["energy_joules"]);
    }

    [Fact]
    public void Damaged_lines_and_torn_tails_are_reported_with_file_and_line_and_the_rest_is_merged()
    {
        using var root = new TempFolder();
        var shard1 = ResultsFolders.Write(root, "shard1", [ResultsFolders.Trial("lenet", 64, 0.88, 1000, 30)], csv: false);
        File.AppendAllText(Path.Combine(shard1, ExperimentsJsonl.FileName), "not json\n" + ResultsFolders.JsonLine(ResultsFolders.Trial("mlp", 64, 0.84, 400, 10)) + "\n");
        var shard2 = ResultsFolders.Write(root, "shard2", [ResultsFolders.Trial("resnet20", 64, 0.9, 6000, 140)], jsonl: false);
        File.AppendAllText(Path.Combine(shard2, EmissionsCsv.FileName), "2026-01-01T00:00:00+00:00,proj,\"torn");
        var merged = Path.Combine(root.Path, "merged");

        var run = ToolRun.Of("merge", shard1, shard2, "--out", merged);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{Path.Combine(shard1, "experiments.jsonl")}:2: skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(shard2, "emissions.csv")}:3: skipped (the file's last line, without a line end", run.Error, StringComparison.Ordinal);
        Assert.Equal(["lenet", "mlp", "resnet20"], ExperimentsJsonl.Read(Path.Combine(merged, ExperimentsJsonl.FileName)).Select(r => r["model"]));
    }

    [Fact]
    public void An_output_folder_holding_another_tools_file_is_refused_and_left_as_it_was()
    {
        using var root = new TempFolder();
        var shard1 = ResultsFolders.Write(root, "shard1", [ResultsFolders.Trial("lenet", 64, 0.88, 1000, 30)]);
        var merged = Path.Combine(root.Path, "merged");
        Directory.CreateDirectory(merged);
        File.WriteAllText(Path.Combine(merged, "summary.md"), "# my notes\n");

        var run = ToolRun.Of("merge", shard1, "--out", merged);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not written by EnergyFacts", run.Error, StringComparison.Ordinal);
        Assert.Equal("# my notes\n", File.ReadAllText(Path.Combine(merged, "summary.md")));
        Assert.False(File.Exists(Path.Combine(merged, ExperimentsJsonl.FileName)));
    }

    [Fact]
    public void The_power_traces_of_merged_rows_are_copied_along_and_a_missing_or_escaping_one_costs_only_the_trace()
    {
        using var root = new TempFolder();
        static Dictionary<string, string> Traced(string model, string trace)
        {
            var row = ResultsFolders.Trial(model, 64, 0.8, 500, 10);
            row["power_trace"] = trace;
            return row;
        }

        var lenetTrace = $"traces/{ResultsFolders.RunA}/train-lenet-0123abcd-t1.csv";
        var shard = ResultsFolders.Write(root, "shard", [Traced("lenet", lenetTrace), Traced("mlp", $"traces/{ResultsFolders.RunA}/gone-t1.csv"), Traced("resnet20", "../outside.csv")]);
        var content = "start_seconds,end_seconds,cpu_watts,gpu_watts,ram_watts,source\n0,10,50,0,0,cpu=estimated;gpu=none;ram=none\n";
        Directory.CreateDirectory(Path.Combine(shard, "traces", ResultsFolders.RunA));
        File.WriteAllText(Path.Combine(shard, lenetTrace), content);
        File.WriteAllText(Path.Combine(root.Path, "outside.csv"), "not a trace of this folder");
        var merged = Path.Combine(root.Path, "merged");

        var run = ToolRun.Of("merge", shard, "--out", merged);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Merged 3 new trials", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 power traces copied", run.Output, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(Path.Combine(merged, lenetTrace)));
        Assert.Contains("gone-t1.csv' is missing; its row is merged without it", run.Error, StringComparison.Ordinal);
        Assert.Contains("'../outside.csv'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root.Path, "merged", "..", "outside.csv.tmp")));
        Assert.Equal([lenetTrace], Directory.GetFiles(Path.Combine(merged, "traces"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(merged, f).Replace('\\', '/')));
        Assert.Equal(3, EmissionsCsv.Read(Path.Combine(merged, EmissionsCsv.FileName)).Count);
    }
}

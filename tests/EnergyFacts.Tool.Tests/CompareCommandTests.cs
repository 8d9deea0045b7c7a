using System.Text.Json;

namespace EnergyFacts.Tool.Tests;

public sealed class CompareCommandTests
{
    private static IEnumerable<Dictionary<string, string>> Trials(string model, double joules, int trials = 5, double top1 = 0.88, string run = ResultsFolders.RunA) =>
        Enumerable.Range(1, trials).Select(t => ResultsFolders.Trial(model, 64, top1, joules * (1 + ((t - 3) * 0.01)), 30, trial: t, run: run));

    [Fact]
    public void A_20_percent_energy_regression_with_five_trials_a_side_exits_1_with_the_gate_verdict()
    {
        using var root = new TempFolder();
        var before = ResultsFolders.Write(root, "base", [.. Trials("lenet", 1000), .. Trials("mlp", 400)]);
        var after = ResultsFolders.Write(root, "current", [.. Trials("lenet", 1200, run: ResultsFolders.RunB), .. Trials("mlp", 400, run: ResultsFolders.RunB)]);

        var run = ToolRun.Of("compare", before, after, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        var lenet = cases["Train [lenet | batch=64 | epochs=2 | dataset=fashion-mnist]"];
        Assert.Equal("regressed", lenet.GetProperty("verdict").GetString());
        Assert.Equal(1.2, lenet.GetProperty("ratio").GetDouble(), 6);
        Assert.True(lenet.GetProperty("lower").GetDouble() > 1.05);
        Assert.Equal(200, lenet.GetProperty("figures").GetProperty("energy").GetProperty("delta").GetDouble(), 6);
        Assert.Equal(20, lenet.GetProperty("figures").GetProperty("energy").GetProperty("percent").GetDouble(), 6);
        Assert.Equal("unchanged", cases["Train [mlp | batch=64 | epochs=2 | dataset=fashion-mnist]"].GetProperty("verdict").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("regressed").GetInt32());
    }

    [Fact]
    public void Unchanged_cases_exit_0_and_the_table_shows_deltas_and_new_cases()
    {
        using var root = new TempFolder();
        var before = ResultsFolders.Write(root, "base", Trials("lenet", 1000));
        var after = ResultsFolders.Write(root, "current", [.. Trials("lenet", 1010, run: ResultsFolders.RunB), .. Trials("mlp", 400, trials: 1, run: ResultsFolders.RunB)]);

        var run = ToolRun.Of("compare", before, after, "--threshold", "10%");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains(@"| Train [lenet \| batch=64 \| epochs=2 \| dataset=fashion-mnist] | 5/5 | 1000 → 1010 (+1 %) |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| unchanged |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| only in CURRENT |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void One_trial_a_side_gives_deltas_and_a_too_few_trials_verdict_without_failing()
    {
        using var root = new TempFolder();
        var before = ResultsFolders.Write(root, "base", Trials("lenet", 1000, trials: 1));
        var after = ResultsFolders.Write(root, "current", Trials("lenet", 2000, trials: 1, run: ResultsFolders.RunB));

        var run = ToolRun.Of("compare", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("too_few_trials", run.Output, StringComparison.Ordinal);
        Assert.Contains("980 → 1960 (+100 %)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threshold", "1.5")]
    [InlineData("--figure", "watts")]
    public void Bad_options_and_missing_folders_exit_2(string option, string value)
    {
        using var root = new TempFolder();
        var before = ResultsFolders.Write(root, "base", Trials("lenet", 1000));
        Assert.Equal(2, ToolRun.Of("compare", before, before, option, value).ExitCode);
        Assert.Equal(2, ToolRun.Of("compare", before, Path.Combine(root.Path, "missing")).ExitCode);
    }
}

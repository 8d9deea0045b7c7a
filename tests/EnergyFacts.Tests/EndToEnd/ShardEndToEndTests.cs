using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class ShardEndToEndTests
{
    [Fact]
    public void Shards_1_2_and_3_of_3_together_run_each_experiment_case_exactly_once()
    {
        string[] arguments = ["--filter-class", "SampleExperiments.Training", "--filter-class", "SampleExperiments.IsolationA", "--energy-probes", "constant:cpu=1"];
        var all = SampleExperimentsProcess.Run(arguments);
        var shards = Enumerable.Range(1, 3).Select(k => SampleExperimentsProcess.Run([.. arguments, "--energy-shard", $"{k}/3"])).ToList();

        Assert.Equal(0, all.ExitCode);
        var expected = EmissionsCsv.Read(all.EmissionsCsv).Select(r => (r["experiment_id"], r["trial"])).Order().ToList();
        var sharded = shards.SelectMany(s => EmissionsCsv.Read(s.EmissionsCsv).Select(r => (r["experiment_id"], r["trial"]))).Order().ToList();
        Assert.Equal(expected, sharded);
        Assert.All(shards, s => Assert.Equal(0, s.ExitCode));
        Assert.All(shards, s => Assert.Matches(@"\[energy\] shard [123]/3: [12] of 5 experiment cases", s.Output));
    }
}

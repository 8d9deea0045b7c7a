using System.Text.Json;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>An estimate says how it was made, in the test output and in the results.</summary>
public sealed class EstimateProvenanceTests
{
    [Theory]
    [InlineData("Intel Xeon Gold 6148", "TDP 150 W from cpu_power.csv for 'Intel Xeon Gold 6148'")]
    [InlineData("Imaginary CPU 9000", "CPU model 'Imaginary CPU 9000' not in cpu_power.csv: 2 threads × 4 W")]
    public void The_cpu_model_estimate_records_where_its_tdp_came_from(string cpuModel, string expected)
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "cpu-model"],
            new Dictionary<string, string> { ["ENERGYFACTS_CPU_MODEL"] = cpuModel, ["ENERGYFACTS_TDP_WATTS"] = string.Empty });

        Assert.Equal(0, run.ExitCode);
        var expectedLegend = Environment.ProcessorCount == 2 ? expected : expected.Split(':')[0];
        Assert.Contains(expectedLegend, run.Output, StringComparison.Ordinal);
        using var row = JsonDocument.Parse(File.ReadLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl")).Single());
        Assert.Contains(expectedLegend, row.RootElement.GetProperty("probe_legends").EnumerateArray().Single(p => p.GetProperty("probe").GetString() == "cpu-model").GetProperty("legend").GetString(), StringComparison.Ordinal);
        Assert.Equal("cpu=estimated;gpu=none;ram=none", row.RootElement.GetProperty("energy_source").GetString());
    }
}

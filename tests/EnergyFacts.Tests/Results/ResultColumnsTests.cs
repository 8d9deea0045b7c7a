using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

public sealed class ResultColumnsTests
{
    // CodeCarbon 3.x output_methods/emissions_data.py, in order.
    private static readonly string[] CodeCarbonColumns =
    [
        "timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate",
        "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed",
        "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os",
        "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude",
        "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent",
        "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue",
    ];

    private static readonly string[] ExperimentColumns =
    [
        "experiment_name", "model", "dataset", "epochs", "batch_size", "train_loss", "eval_loss", "eval_top1", "eval_top5", "lr", "metrics",
    ];

    private static readonly string[] OwnColumnsRequired =
    [
        "trial", "seed", "device", "samples", "status", "budget", "energy_source", "probes", "sample_count", "sampler_cpu_seconds",
    ];

    [Fact]
    public void The_first_38_columns_are_CodeCarbons_in_order()
    {
        Assert.Equal(38, ResultColumns.CodeCarbonCount);
        Assert.Equal(CodeCarbonColumns, ResultColumns.Names.Take(38));
        Assert.All(ResultColumns.All.Take(38), c => Assert.Equal(ResultColumnGroup.CodeCarbon, c.Group));
    }

    [Fact]
    public void Experiment_columns_then_the_required_own_columns_follow_in_order()
    {
        Assert.Equal(ExperimentColumns, ResultColumns.Names.Skip(38).Take(ExperimentColumns.Length));
        Assert.Equal(OwnColumnsRequired, ResultColumns.Names.Skip(38 + ExperimentColumns.Length).Take(OwnColumnsRequired.Length));
        Assert.All(ResultColumns.All.Skip(38 + ExperimentColumns.Length), c => Assert.Equal(ResultColumnGroup.EnergyFacts, c.Group));
    }

    [Fact]
    public void Names_are_unique_snake_case_and_every_column_is_documented()
    {
        Assert.Equal(ResultColumns.Names.Count, ResultColumns.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ResultColumns.All, c =>
        {
            Assert.Matches("^[a-z0-9_]+$", c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.Legend), c.Name);
        });
    }

    [Theory]
    [InlineData("duration", "s")]
    [InlineData("emissions", "kg CO2eq")]
    [InlineData("cpu_power", "W")]
    [InlineData("energy_consumed", "kWh")]
    [InlineData("water_consumed", "L")]
    [InlineData("ram_total_size", "GB")]
    [InlineData("energy_joules", "J")]
    public void Units_follow_CodeCarbon(string name, string unit) => Assert.Equal(unit, ResultColumns.Get(name).Unit);

    [Fact]
    public void An_unknown_column_name_lists_the_real_ones()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ResultColumns.Get("energy"));

        Assert.Contains("'energy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("energy_consumed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_description_lists_every_column_with_its_unit()
    {
        var table = ResultColumns.DescribeAsMarkdown();

        Assert.Equal(ResultColumns.All.Count + 2, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("| `energy_consumed` | kWh | Total energy × PUE (cpu + gpu + ram). |", table, StringComparison.Ordinal);
        Assert.Contains("| `experiment_name` |  | Display name of the case, e.g. Train [resnet18 \\| batch=64 \\| epochs=2]. (EnergyFacts) |", table, StringComparison.Ordinal);
    }
}

using EnergyFacts.Platform;

namespace EnergyFacts.Tests.Platform;

public sealed class EnergyFactsSettingsTests
{
    private static EnergyFactsSettings Merge(Dictionary<string, string>? env = null, Dictionary<string, string>? options = null) =>
        EnergyFactsSettings.Merge(env ?? [], options ?? [], "/base", "Project");

    [Fact]
    public void Defaults_are_auto_probes_100_ms_world_average_and_results_under_the_base()
    {
        var settings = Merge();
        Assert.Equal("auto", settings.Probes);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.Interval);
        Assert.Null(settings.Country);
        Assert.Equal(1.0, settings.Pue);
        Assert.Equal(Path.Combine("/base", "energy-results"), settings.ResultsDirectory);
        Assert.Equal("Project", settings.ProjectName);
    }

    [Fact]
    public void Command_line_options_win_over_environment_variables()
    {
        var settings = Merge(
            new() { ["ENERGYFACTS_PROBES"] = "cpu-model", ["ENERGYFACTS_INTERVAL_MS"] = "50", ["ENERGYFACTS_PUE"] = "1.2" },
            new() { ["energy-probes"] = "constant:cpu=5", ["energy-interval"] = "10" });
        Assert.Equal("constant:cpu=5", settings.Probes);
        Assert.Equal(TimeSpan.FromMilliseconds(10), settings.Interval);
        Assert.Equal(1.2, settings.Pue);
    }

    [Theory]
    [InlineData("ENERGYFACTS_INTERVAL_MS", "0", "milliseconds from 1 to 3600000")]
    [InlineData("ENERGYFACTS_INTERVAL_MS", "fast", "'fast'")]
    [InlineData("ENERGYFACTS_PUE", "0.8", "≥ 1.0")]
    [InlineData("ENERGYFACTS_PUE", "NaN", "'NaN'")]
    [InlineData("ENERGYFACTS_COUNTRY", "FR", "alpha-3")]
    public void Bad_values_name_the_variable_the_value_and_what_is_allowed(string variable, string value, string expected)
    {
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => Merge(new() { [variable] = value }));
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_option_values_name_the_option()
    {
        var ex = Assert.Throws<EnergyFactsConfigurationException>(() => Merge(options: new() { ["energy-interval"] = "-3" }));
        Assert.Contains("--energy-interval = '-3'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_parsing_accepts_space_equals_and_colon_forms_and_ignores_other_options()
    {
        var parsed = CommandLineOverrides.Parse(
            ["--energy-probes", "constant:cpu=95,gpu=0", "--energy-interval=10", "--energy-results:/tmp/x", "--filter-trait", "a=b", "--other"]);
        Assert.Equal("constant:cpu=95,gpu=0", parsed["energy-probes"]);
        Assert.Equal("10", parsed["energy-interval"]);
        Assert.Equal("/tmp/x", parsed["energy-results"]);
        Assert.Equal(3, parsed.Count);
    }
}

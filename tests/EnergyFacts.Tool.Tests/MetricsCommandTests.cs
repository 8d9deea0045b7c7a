using System.Text.Json;

namespace EnergyFacts.Tool.Tests;

public sealed class MetricsCommandTests
{
    [Fact]
    public void Apc_of_the_issue_example_prints_the_value()
    {
        var run = ToolRun.Of("metrics", "apc", "--accuracy", "0.9056", "--consumption", "0.03172", "--alpha", "0.1", "--beta", "50");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("APC = 0.7001990247687363 (", run.Output, StringComparison.Ordinal);
        Assert.Contains("no --unit given", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apc_json_is_one_object_with_the_value_unit_and_weights()
    {
        var run = ToolRun.Of("metrics", "apc", "--accuracy", "0.9", "--consumption", "10", "--unit", "Wh/test-set", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("apc", json.RootElement.GetProperty("metric").GetString());
        Assert.Equal(0.3103448275862069, json.RootElement.GetProperty("value").GetDouble(), 15);
        Assert.Equal("Wh/test-set", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal(0.1, json.RootElement.GetProperty("alpha").GetDouble());
        Assert.Equal(1, json.RootElement.GetProperty("beta").GetDouble());
    }

    [Fact]
    public void Apec_prices_the_energy()
    {
        var run = ToolRun.Of("metrics", "apec", "--accuracy", "0.8", "--consumption", "2", "--unit", "kWh/run", "--price", "0.25", "--currency", "EUR", "--json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0.8 / 1.14, json.RootElement.GetProperty("value").GetDouble(), 15);
        Assert.Equal("EUR", json.RootElement.GetProperty("currency").GetString());
    }

    [Theory]
    [InlineData("0.6153846153846154", "metrics", "fms", "--performance", "0.8", "--energy-kwh", "1", "--reference-kwh", "1")]
    [InlineData("0.75", "metrics", "asc", "--point", "0.001:0.5", "--point", "0.002:1", "--budget-kwh", "0.004")]
    [InlineData("500", "metrics", "edp", "--energy-joules", "50", "--seconds", "10")]
    public void Fms_asc_and_edp_print_their_golden_values(string expected, params string[] args)
    {
        var run = ToolRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($" = {expected} (", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The accuracy a must be a fraction from 0 to 1", "metrics", "apc", "--accuracy", "91.45", "--consumption", "1", "--unit", "Wh/test-set")]
    [InlineData("is not a consumption unit", "metrics", "apc", "--accuracy", "0.9", "--consumption", "1", "--unit", "furlongs")]
    [InlineData("Option '--consumption' is required.", "metrics", "apc", "--accuracy", "0.9")]
    [InlineData("Unrecognized command or argument '--alfa'", "metrics", "apc", "--accuracy", "0.9", "--consumption", "1", "--alfa", "0.2")]
    [InlineData("is not KWH:P", "metrics", "asc", "--point", "half")]
    [InlineData("either --energy-joules or --energy-kwh", "metrics", "edp", "--seconds", "1")]
    public void Bad_input_exits_2_with_a_message_naming_it(string message, params string[] args)
    {
        var run = ToolRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("metrics", "--help")]
    [InlineData("metrics", "apc", "--help")]
    [InlineData("metrics", "apec", "--help")]
    [InlineData("metrics", "fms", "--help")]
    [InlineData("metrics", "asc", "--help")]
    [InlineData("metrics", "edp", "--help")]
    [InlineData("import", "--help")]
    public void Every_verb_has_help(params string[] args)
    {
        var run = ToolRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Options:", run.Output, StringComparison.Ordinal);
        Assert.Contains("-?, -h, --help", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_help_documents_the_exit_codes()
    {
        Assert.Contains("Exit codes: 0 ok, 1 a gate or regression check failed, 2 bad input", ToolRun.Of("--help").Output, StringComparison.Ordinal);
    }
}

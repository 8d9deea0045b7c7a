using EnergyFacts.Configuration;

namespace EnergyFacts.Tests.Configuration;

public sealed class ExperimentShardTests
{
    [Theory]
    [InlineData("0/4", "does not exist")]
    [InlineData("5/4", "does not exist")]
    [InlineData("1/0", "does not exist")]
    [InlineData("a/b", "two whole numbers")]
    [InlineData("2", "two whole numbers")]
    [InlineData("-1/3", "two whole numbers")]
    [InlineData("1/3/5", "two whole numbers")]
    public void A_shard_that_does_not_exist_is_refused(string text, string expected)
    {
        var error = Assert.Throws<SettingValueException>(() => ExperimentShard.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_shard_names_the_option_and_what_is_allowed()
    {
        var error = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = Path.GetTempPath(),
            ApplicationDirectory = Path.GetTempPath(),
            DefaultProjectName = "Shards",
            CommandLine = new Dictionary<string, string> { ["energy-shard"] = "5/4" },
        }));

        Assert.Contains("--energy-shard", error.Message, StringComparison.Ordinal);
        Assert.Contains("'5/4'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ExperimentShard.Allowed, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void The_shards_together_run_each_case_exactly_once_and_differ_by_at_most_one(int count)
    {
        var cases = Enumerable.Range(0, 20).Select(i => $"case-{(i * 7919) % 101:D3}").ToList();

        var shards = Enumerable.Range(1, count).Select(k => new ExperimentShard(k, count).Select(cases, c => c)).ToList();

        Assert.Equal(cases.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.True(shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1);
    }

    [Fact]
    public void A_shard_does_not_depend_on_the_order_the_cases_were_discovered_in()
    {
        var cases = new[] { "c", "a", "e", "b", "d" };

        Assert.Equal(
            new ExperimentShard(2, 2).Select(cases, c => c).Order(StringComparer.Ordinal),
            new ExperimentShard(2, 2).Select(cases.Reverse(), c => c).Order(StringComparer.Ordinal));
        Assert.Equal(["b", "d"], new ExperimentShard(2, 2).Select(cases, c => c).Order(StringComparer.Ordinal));
    }
}

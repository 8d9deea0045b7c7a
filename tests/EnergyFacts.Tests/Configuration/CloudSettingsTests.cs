using EnergyFacts.Configuration;

namespace EnergyFacts.Tests.Configuration;

/// <summary>The <c>cloud</c> and <c>carbon-intensity</c> settings: parsing, provenance and the messages of bad values.</summary>
public sealed class CloudSettingsTests
{
    private static SettingsSources Sources(Dictionary<string, string>? env = null, Dictionary<string, string>? commandLine = null) => new()
    {
        WorkingDirectory = "/work/here",
        ApplicationDirectory = "/app/bin",
        DefaultProjectName = "Project",
        Environment = env ?? [],
        CommandLine = commandLine ?? [],
    };

    private static string Problem(Dictionary<string, string>? env = null, Dictionary<string, string>? commandLine = null) =>
        Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(Sources(env, commandLine))).Message;

    [Fact]
    public void Unset_means_off_cloud_and_no_explicit_intensity()
    {
        var settings = SettingsResolver.Resolve(Sources());

        Assert.Null(settings.Cloud);
        Assert.Null(settings.CarbonIntensity);
    }

    [Fact]
    public void A_cloud_region_is_normalised_and_recorded_with_its_source()
    {
        var settings = SettingsResolver.Resolve(Sources(commandLine: new() { ["energy-cloud"] = "GCP:Europe-West9" }));

        Assert.Equal("gcp:europe-west9", settings.Cloud);
        Assert.Contains(settings.Provenance, p => p is { Key: "cloud", Value: "gcp:europe-west9", Source: "--energy-cloud" });
    }

    [Fact]
    public void An_explicit_intensity_keeps_where_it_was_given()
    {
        var settings = SettingsResolver.Resolve(Sources(env: new() { ["ENERGYFACTS_CARBON_INTENSITY"] = "56.5" }));

        Assert.Equal(56.5, settings.CarbonIntensity!.GramsPerKilowattHour);
        Assert.Equal("ENERGYFACTS_CARBON_INTENSITY", settings.CarbonIntensity.Origin);
    }

    [Theory]
    [InlineData("0", "out of range")]
    [InlineData("-1", "out of range")]
    [InlineData("1e9", "out of range")]
    [InlineData("2000.1", "out of range")]
    [InlineData("abc", "not a finite number")]
    public void A_bad_intensity_names_the_option_and_the_allowed_range(string value, string why)
    {
        var message = Problem(commandLine: new() { ["energy-carbon-intensity"] = value });

        Assert.Contains($"--energy-carbon-intensity = '{value}' is not allowed ({why})", message, StringComparison.Ordinal);
        Assert.Contains("Allowed: g CO2eq/kWh, more than 0 and at most 2000", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_allowed_intensity_is_2000()
    {
        Assert.Equal(2000, SettingsResolver.Resolve(Sources(commandLine: new() { ["energy-carbon-intensity"] = "2000" })).CarbonIntensity!.GramsPerKilowattHour);
    }

    [Fact]
    public void An_unknown_provider_names_the_variable_and_lists_the_providers()
    {
        var message = Problem(env: new() { ["ENERGYFACTS_CLOUD"] = "aws:us-east-1" });

        Assert.Contains("ENERGYFACTS_CLOUD = 'aws:us-east-1' is not allowed (Unknown cloud provider 'aws'", message, StringComparison.Ordinal);
        Assert.Contains("gcp (Google Cloud Platform)", message, StringComparison.Ordinal);
        Assert.Contains("Allowed: provider:region", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_names_the_option_and_suggests_close_ones()
    {
        var message = Problem(commandLine: new() { ["energy-cloud"] = "gcp:us-east2" });

        Assert.Contains("--energy-cloud = 'gcp:us-east2' is not allowed (Unknown gcp region 'us-east2'", message, StringComparison.Ordinal);
        Assert.Contains("Did you mean gcp:us-east1, ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_cloud_and_intensity_are_reported_together()
    {
        var message = Problem(commandLine: new() { ["energy-cloud"] = "nowhere", ["energy-carbon-intensity"] = "0" });

        Assert.Contains("--energy-cloud = 'nowhere'", message, StringComparison.Ordinal);
        Assert.Contains("--energy-carbon-intensity = '0'", message, StringComparison.Ordinal);
    }
}

using System.Globalization;
using EnergyFacts.Accounting;
using EnergyFacts.Configuration;
using EnergyFacts.Results;
using EnergyFacts.Tests.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

/// <summary>A cloud region and an explicit intensity, from the settings to the written row, in this process.</summary>
public sealed class CloudPipelineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-cloud-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class Lines : ITrialOutput
    {
        public void WriteLine(string line)
        {
        }
    }

    private EnergyRun NewRun(Dictionary<string, string> options, Dictionary<string, string>? env = null)
    {
        var commandLine = new Dictionary<string, string>(options)
        {
            ["energy-probes"] = "constant:cpu=100,gpu=0,ram=0",
            ["energy-lock-file"] = "experiments.lock",
            ["energy-results"] = "results",
        };
        return new EnergyRun(new RunConfiguration(
            SettingsResolver.Resolve(new SettingsSources
            {
                WorkingDirectory = folder,
                ApplicationDirectory = folder,
                DefaultProjectName = "CloudPipelineTests",
                CommandLine = commandLine,
                Environment = env ?? [],
            }),
            Guid.NewGuid()));
    }

    private static TrialCase Case() => new("case-1", "Train [mlp | batch=8 | epochs=1]", "mlp", null, 1, 8, 1, 1, null, null);

    private static TrialBody Body() => new(ExperimentStatus.Passed, null, "cpu", 100, []);

    private (ResultRow Row, Dictionary<string, string> Written, string Csv) Finish(EnergyRun run)
    {
        var result = TrialPipeline.Finish(run, Case(), Body(), ResultSamples.Measurement(), new Lines());
        var path = Path.Combine(folder, "results", "emissions.csv");
        var row = Assert.Single(EnergyFacts.Results.Csv.EmissionsCsv.Read(path));
        return (result.Row, new Dictionary<string, string>(row, StringComparer.Ordinal), File.ReadAllText(path));
    }

    [Fact]
    public void A_cloud_region_fills_the_cloud_and_country_columns_and_wins_over_the_country()
    {
        using var run = NewRun(new() { ["energy-cloud"] = "gcp:europe-west9", ["energy-country"] = "DEU" });

        var (row, written, csv) = Finish(run);

        Assert.Equal("Y", written["on_cloud"]);
        Assert.Equal("gcp", written["cloud_provider"]);
        Assert.Equal("europe-west9", written["cloud_region"]);
        Assert.Equal("FRA", written["country_iso_code"]);
        Assert.Equal("France", written["country_name"]);
        Assert.Equal("34", written["carbon_intensity"]);
        Assert.StartsWith("cloud region gcp:europe-west9 (CodeCarbon impact.csv); overrides country DEU", written["carbon_intensity_source"], StringComparison.Ordinal);
        Assert.Equal(34, row.Account.Intensity.GramsPerKilowattHour);
        Assert.StartsWith("cloud region gcp:europe-west9 (CodeCarbon impact.csv); overrides country DEU", row.Account.Intensity.Source, StringComparison.Ordinal);
        Assert.Contains("cloud region gcp:europe-west9 (CodeCarbon impact.csv); overrides country DEU", csv, StringComparison.Ordinal);

        // 1050 J of IT energy (100 W CPU + 5 W RAM for 10 s) at 34 g/kWh.
        Assert.Equal(1050 / 3.6e6 * 34 / 1000, row.Account.Emissions.Value, 1e-15);
    }

    [Fact]
    public void An_explicit_intensity_wins_over_the_cloud_region_and_names_its_source()
    {
        using var run = NewRun(new() { ["energy-cloud"] = "gcp:us-east1" }, new() { ["ENERGYFACTS_CARBON_INTENSITY"] = "56" });

        var (row, written, _) = Finish(run);

        Assert.Equal("Y", written["on_cloud"]);
        Assert.Equal("us-east1", written["cloud_region"]);
        Assert.Equal("USA", written["country_iso_code"]);
        Assert.Equal("56", written["carbon_intensity"]);
        Assert.Equal(56, row.Account.Intensity.GramsPerKilowattHour);
        Assert.Equal(
            "explicit carbon intensity (ENERGYFACTS_CARBON_INTENSITY); overrides cloud region gcp:us-east1 (560 g CO2eq/kWh)",
            row.Account.Intensity.Source);
        Assert.Equal(row.Account.Intensity.Source, written["carbon_intensity_source"]);
        Assert.Equal(1050 / 3.6e6 * 56 / 1000, row.Account.Emissions.Value, 1e-15);
    }

    [Fact]
    public void Without_a_cloud_region_the_row_is_off_cloud()
    {
        using var run = NewRun(new() { ["energy-country"] = "FRA" });

        var (row, written, _) = Finish(run);

        Assert.Equal("N", written["on_cloud"]);
        Assert.Equal(string.Empty, written["cloud_provider"]);
        Assert.Equal("FRA", written["country_iso_code"]);
        Assert.Equal(CarbonIntensityTable.Default.Lookup("FRA"), row.Account.Intensity);
        Assert.Equal(56.039.ToString(CultureInfo.InvariantCulture), row.Account.Intensity.GramsPerKilowattHour.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("gcp:us-central1", "Iowa")]      // impact.csv names the state
    [InlineData("gcp:europe-west9", "Paris")]    // no state: the city
    public void The_region_column_holds_the_cloud_regions_state_or_else_its_city(string cloud, string expected)
    {
        using var run = NewRun(new() { ["energy-cloud"] = cloud });

        var (_, written, _) = Finish(run);

        Assert.Equal(expected, written["region"]);
    }

    [Fact]
    public void An_explicit_region_wins_over_the_cloud_regions_state_and_fills_the_column_off_cloud_too()
    {
        using (var onCloud = NewRun(new() { ["energy-cloud"] = "gcp:us-central1", ["energy-region"] = "Polk County" }))
        {
            Assert.Equal("Polk County", Finish(onCloud).Written["region"]);
        }

        Directory.Delete(Path.Combine(folder, "results"), recursive: true);
        using var offCloud = NewRun([], env: new() { ["ENERGYFACTS_REGION"] = "Île-de-France" });
        var (row, written, _) = Finish(offCloud);
        Assert.Equal("Île-de-France", written["region"]);
        Assert.Equal("N", written["on_cloud"]);
        Assert.Equal(new ResolvedSetting("region", "Île-de-France", "ENERGYFACTS_REGION"), row.Settings.Single(s => s.Key == "region"));
    }

    [Fact]
    public void Without_cloud_or_region_the_region_column_stays_empty()
    {
        using var run = NewRun([]);

        Assert.Equal(string.Empty, Finish(run).Written["region"]);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("tab\there")]
    public void A_bad_region_is_refused_naming_the_option_and_what_is_allowed(string value)
    {
        var error = Assert.Throws<EnergyFactsConfigurationException>(() => NewRun(new() { ["energy-region"] = value }));

        Assert.Contains("--energy-region", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 100 characters without control characters", error.Message, StringComparison.Ordinal);
    }
}

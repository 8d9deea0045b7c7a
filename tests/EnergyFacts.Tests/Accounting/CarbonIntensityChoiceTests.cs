using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

/// <summary>Explicit intensity > cloud region > country > world average, and the row's source says which and why.</summary>
public sealed class CarbonIntensityChoiceTests
{
    private static readonly CloudRegion Paris = CloudRegionTable.Default.Lookup("gcp:europe-west9");
    private static readonly CarbonIntensityOverride Explicit = new(56, "--energy-carbon-intensity");

    [Fact]
    public void Nothing_given_is_the_world_average()
    {
        var chosen = CarbonIntensityChoice.Choose(null, null, null);

        Assert.Equal(CarbonIntensityTable.Default.WorldAverage, chosen);
    }

    [Fact]
    public void A_country_alone_is_the_country()
    {
        var chosen = CarbonIntensityChoice.Choose(null, null, "DEU");

        Assert.Equal(CarbonIntensityTable.Default.Lookup("DEU"), chosen);
    }

    [Fact]
    public void A_cloud_region_gives_its_intensity_and_country()
    {
        var chosen = CarbonIntensityChoice.Choose(null, Paris, null);

        Assert.Equal(34, chosen.GramsPerKilowattHour);
        Assert.Equal("FRA", chosen.IsoCode);
        Assert.Equal("France", chosen.CountryName);
        Assert.Equal("cloud region gcp:europe-west9 (CodeCarbon impact.csv)", chosen.Source);
    }

    [Fact]
    public void A_cloud_region_wins_over_a_country_and_says_so()
    {
        var germany = CarbonIntensityTable.Default.Lookup("DEU").GramsPerKilowattHour;

        var chosen = CarbonIntensityChoice.Choose(null, Paris, "DEU");

        Assert.Equal(34, chosen.GramsPerKilowattHour);
        Assert.Equal("FRA", chosen.IsoCode);
        Assert.Equal(
            $"cloud region gcp:europe-west9 (CodeCarbon impact.csv); overrides country DEU ({germany.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} g CO2eq/kWh)",
            chosen.Source);
    }

    [Fact]
    public void An_explicit_intensity_wins_over_cloud_and_country_and_keeps_the_region_country()
    {
        var chosen = CarbonIntensityChoice.Choose(Explicit, Paris, "DEU");

        Assert.Equal(56, chosen.GramsPerKilowattHour);
        Assert.Equal("FRA", chosen.IsoCode);
        Assert.StartsWith(
            "explicit carbon intensity (--energy-carbon-intensity); overrides cloud region gcp:europe-west9 (34 g CO2eq/kWh) and country DEU (",
            chosen.Source,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_intensity_wins_over_a_country()
    {
        var chosen = CarbonIntensityChoice.Choose(new CarbonIntensityOverride(120.5, "ENERGYFACTS_CARBON_INTENSITY"), null, "FRA");

        Assert.Equal(120.5, chosen.GramsPerKilowattHour);
        Assert.Equal("France", chosen.CountryName);
        Assert.Equal("explicit carbon intensity (ENERGYFACTS_CARBON_INTENSITY); overrides country FRA (56.039 g CO2eq/kWh)", chosen.Source);
    }

    [Fact]
    public void An_explicit_intensity_alone_has_an_unknown_country_not_the_world()
    {
        var chosen = CarbonIntensityChoice.Choose(Explicit, null, null);

        Assert.Equal(56, chosen.GramsPerKilowattHour);
        Assert.Equal(string.Empty, chosen.IsoCode);
        Assert.Equal("unknown", chosen.CountryName);
        Assert.Equal("explicit carbon intensity (--energy-carbon-intensity)", chosen.Source);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2000.5)]
    [InlineData(double.NaN)]
    public void An_explicit_intensity_out_of_range_is_refused(double grams)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CarbonIntensityChoice.Choose(new CarbonIntensityOverride(grams, "test"), null, null));
        Assert.Contains("more than 0 and at most 2000 g CO2eq/kWh", ex.Message, StringComparison.Ordinal);
    }
}

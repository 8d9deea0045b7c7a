using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

public sealed class CarbonIntensityTableTests
{
    private static CarbonIntensityTable Table => CarbonIntensityTable.Default;

    [Fact]
    public void France_has_its_Our_World_in_Data_intensity()
    {
        var france = Table.Lookup("FRA");

        Assert.Equal("FRA", france.IsoCode);
        Assert.Equal("France", france.CountryName);
        Assert.Equal(56.039, france.GramsPerKilowattHour);
        Assert.Equal("Our World in Data 2023 via CodeCarbon", france.Source);
        Assert.False(france.IsWorldAverage);
    }

    [Fact]
    public void Codes_are_matched_case_insensitively_and_trimmed()
    {
        var usa = Table.Lookup(" usa ");

        Assert.Equal("USA", usa.IsoCode);
        Assert.Equal("United States", usa.CountryName);
        Assert.Equal(369.473, usa.GramsPerKilowattHour);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_country_means_the_labelled_world_average(string? code)
    {
        var world = Table.Lookup(code);

        Assert.Equal(475, world.GramsPerKilowattHour);
        Assert.Equal("World", world.CountryName);
        Assert.Equal(string.Empty, world.IsoCode);
        Assert.Equal("world average (IEA 2019, via CodeCarbon)", world.Source);
        Assert.True(world.IsWorldAverage);
    }

    [Fact]
    public void The_embedded_table_holds_every_country_of_the_CodeCarbon_data()
    {
        Assert.Equal(213, Table.Countries.Count);
        Assert.All(Table.Countries, c => Assert.Matches("^[A-Z]{3}$", c.IsoCode));
        Assert.All(Table.Countries, c => Assert.True(c.GramsPerKilowattHour >= 0, c.IsoCode));
    }

    [Fact]
    public void An_unknown_code_names_the_value_the_format_and_close_matches()
    {
        var error = Assert.Throws<UnknownCountryCodeException>(() => Table.Lookup("FRN"));

        Assert.Equal("FRN", error.CountryCode);
        Assert.Contains("'FRN'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISO 3166-1 alpha-3, e.g. FRA, USA, DEU", error.Message, StringComparison.Ordinal);
        Assert.Contains("world average (475 g CO2eq/kWh)", error.Message, StringComparison.Ordinal);
        Assert.Contains("FRA", error.Suggestions);
        Assert.Contains("FRA (France)", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void An_alpha2_code_is_recognised_as_such_and_mapped_to_candidates()
    {
        var error = Assert.Throws<UnknownCountryCodeException>(() => Table.Lookup("de"));

        Assert.Contains("alpha-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("DEU", error.Suggestions);
        Assert.Contains("DEU (Germany)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_country_name_instead_of_a_code_suggests_the_code()
    {
        var error = Assert.Throws<UnknownCountryCodeException>(() => Table.Lookup("Germany"));

        Assert.Equal("DEU", error.Suggestions[0]);
    }

    [Fact]
    public void Nonsense_gives_no_suggestions_but_still_says_what_is_allowed()
    {
        var error = Assert.Throws<UnknownCountryCodeException>(() => Table.Lookup("12345"));

        Assert.Empty(error.Suggestions);
        Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. FRA, USA, DEU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_entry_without_a_numeric_intensity_is_rejected_naming_the_country()
    {
        var error = Assert.Throws<InvalidDataException>(() => CarbonIntensityTable.Parse(
            """{"XYZ": {"country_name": "Nowhere", "carbon_intensity": null, "year": 2020}}""",
            """{"world_average": 475}""",
            "test data"));

        Assert.Contains("test data", error.Message, StringComparison.Ordinal);
        Assert.Contains("'XYZ'", error.Message, StringComparison.Ordinal);
    }
}

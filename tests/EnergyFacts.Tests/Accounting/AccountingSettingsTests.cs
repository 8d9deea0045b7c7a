using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

public sealed class AccountingSettingsTests
{
    [Fact]
    public void Defaults_are_world_average_pue_one_and_no_water()
    {
        var settings = AccountingSettings.Default;

        Assert.Null(settings.CountryIsoCode);
        Assert.Equal(1.0, settings.Pue);
        Assert.Equal(0.0, settings.Wue);
    }

    [Fact]
    public void The_country_code_is_normalised()
    {
        Assert.Equal("FRA", new AccountingSettings(" fra ").CountryIsoCode);
        Assert.Null(new AccountingSettings("  ").CountryIsoCode);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_pue_below_one_or_not_finite_is_rejected_with_what_is_allowed(double pue)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AccountingSettings(null, pue));

        Assert.Equal("pue", error.ParamName);
        Assert.Contains("must be a finite number ≥ 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("got " + pue.ToString("R", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void A_negative_or_non_finite_wue_is_rejected(double wue)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AccountingSettings(null, 1.0, wue));

        Assert.Equal("wue", error.ParamName);
        Assert.Contains("≥ 0 litres per kWh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var settings = new AccountingSettings("DEU", 1.0, 0.0);

        Assert.Equal(1.0, settings.Pue);
        Assert.Equal(0.0, settings.Wue);
    }

    [Fact]
    public void Parse_reads_invariant_numbers_and_defaults_blanks()
    {
        var parsed = AccountingSettings.Parse("usa", "1.58", " ");

        Assert.Equal("USA", parsed.CountryIsoCode);
        Assert.Equal(1.58, parsed.Pue);
        Assert.Equal(0.0, parsed.Wue);
    }

    [Fact]
    public void Parse_names_the_origin_and_the_bad_text_for_a_comma_decimal()
    {
        var error = Assert.Throws<ArgumentException>(() => AccountingSettings.Parse(null, "1,2", null, pueOrigin: "ENERGYFACTS_PUE"));

        Assert.StartsWith("ENERGYFACTS_PUE: '1,2' is not a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("'.' decimal point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_names_the_origin_for_an_out_of_range_value()
    {
        var error = Assert.Throws<ArgumentException>(() => AccountingSettings.Parse(null, "0.5", null, pueOrigin: "--energy-pue"));

        Assert.StartsWith("--energy-pue: PUE (power usage effectiveness) must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 0.5", error.Message, StringComparison.Ordinal);
    }
}

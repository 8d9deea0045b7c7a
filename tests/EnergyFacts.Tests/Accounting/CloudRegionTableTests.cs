using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

public sealed class CloudRegionTableTests
{
    private static CloudRegionTable Table => CloudRegionTable.Default;

    [Theory]
    [InlineData("gcp:europe-west9", "France", "FRA", 34)]
    [InlineData("gcp:northamerica-northeast1", "Canada", "CAN", 2)]
    [InlineData("gcp:us-east1", "USA", "USA", 560)]
    [InlineData("gcp:europe-north1", "Finland", "FIN", 46)]
    [InlineData("gcp:europe-central2", "Poland", "POL", 723)]
    public void Real_regions_have_their_CodeCarbon_impact(string key, string country, string iso, double grams)
    {
        var region = Table.Lookup(key);

        Assert.Equal(key, region.Key);
        Assert.Equal("Google Cloud Platform", region.ProviderName);
        Assert.Equal(country, region.CountryName);
        Assert.Equal(iso, region.CountryIsoCode);
        Assert.Equal(grams, region.GramsPerKilowattHour);
    }

    [Fact]
    public void Keys_are_matched_case_insensitively_and_trimmed()
    {
        Assert.Equal("gcp:europe-west9", Table.Lookup("  GCP:Europe-West9 ").Key);
    }

    [Fact]
    public void The_embedded_table_holds_every_row_of_impact_csv()
    {
        Assert.Equal(40, Table.Regions.Count);
        Assert.Equal(["gcp"], Table.Providers);
    }

    [Fact]
    public void An_unknown_provider_is_named_and_the_known_providers_listed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Table.Lookup("aws:us-east-1"));

        Assert.Contains("Unknown cloud provider 'aws' in 'aws:us-east-1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gcp (Google Cloud Platform)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--energy-country", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_is_named_with_close_matches()
    {
        var ex = Assert.Throws<ArgumentException>(() => Table.Lookup("gcp:europe-west7"));

        Assert.Contains("Unknown gcp region 'europe-west7' in 'gcp:europe-west7'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean gcp:europe-west1, gcp:europe-west2, gcp:europe-west3, gcp:europe-west4, gcp:europe-west6?", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("us-east1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("europe-west9")]
    [InlineData("gcp:")]
    [InlineData(":europe-west9")]
    public void A_value_without_provider_and_region_says_the_form(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => Table.Lookup(value));

        Assert.Contains($"'{value}' is not provider:region", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gcp (Google Cloud Platform)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_returns_null_with_the_same_problem()
    {
        Assert.Null(Table.Find("gcp:mars-north1", out var problem));
        Assert.Contains("Unknown gcp region 'mars-north1'", problem, StringComparison.Ordinal);
        Assert.NotNull(Table.Find("gcp:us-west1", out var none));
        Assert.Null(none);
    }

    private const string Header = "provider,providerName,offsetRatio,region,regionName,country_name,countryIsoCode,state,city,impact,source,comment";

    [Fact]
    public void Parse_reads_a_byte_order_mark_and_crlf_lines()
    {
        var table = CloudRegionTable.Parse("\uFEFF" + Header + "\r\nx,X Cloud,100,r-1,,Iceland,ISL,,Reykjavik,28,src,\r\n", "test.csv");

        var region = Assert.Single(table.Regions);
        Assert.Equal("x:r-1", region.Key);
        Assert.Equal(28, region.GramsPerKilowattHour);
    }

    [Theory]
    [InlineData("x,X Cloud,100,r-1,,Iceland,ISL,,Reykjavik,lots,src,", "test.csv line 3: impact 'lots' is not a number")]
    [InlineData("x,X Cloud,100,r-1,,Iceland,IS,,Reykjavik,28,src,", "test.csv line 3: countryIsoCode 'IS'")]
    [InlineData("x,X Cloud,100,r-1,,Iceland,ISL,,Reykjavik,28", "test.csv line 3: 10 fields, the header has 12")]
    [InlineData("x,X Cloud,100,r-0,,Iceland,ISL,,Reykjavik,28,src,", "test.csv line 3: x:r-0 is listed twice (first on line 2)")]
    public void Parse_errors_name_the_resource_and_line(string line, string expected)
    {
        var csv = Header + "\nx,X Cloud,100,r-0,,Iceland,ISL,,Reykjavik,28,src,\n" + line + "\n";

        var ex = Assert.Throws<InvalidDataException>(() => CloudRegionTable.Parse(csv, "test.csv"));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_names_a_missing_column()
    {
        var ex = Assert.Throws<InvalidDataException>(() => CloudRegionTable.Parse("provider,region,country_name\n", "test.csv"));
        Assert.StartsWith("test.csv line 1: the header has no 'providerName' column", ex.Message, StringComparison.Ordinal);
    }
}

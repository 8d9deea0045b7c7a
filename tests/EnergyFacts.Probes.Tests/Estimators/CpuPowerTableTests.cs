using EnergyFacts.Probes.Estimators;

namespace EnergyFacts.Probes.Tests.Estimators;

public sealed class CpuPowerTableTests
{
    [Theory]
    [InlineData("Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", "Intel Xeon Platinum 8272CL", 195, nameof(TdpMatchKind.Exact))]
    [InlineData("Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz", "Intel Xeon E5-2686 v4", 145, nameof(TdpMatchKind.Exact))]
    [InlineData("Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", "Intel Core i7-8700", 65, nameof(TdpMatchKind.Exact))]
    [InlineData("Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz", "Intel Core i7-8700K", 95, nameof(TdpMatchKind.Exact))]
    [InlineData("11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", "Intel Core i7-1185G7", 28, nameof(TdpMatchKind.Contained))]
    [InlineData("AMD EPYC 7763 64-Core Processor", "AMD EPYC 7763", 280, nameof(TdpMatchKind.Exact))]
    [InlineData("AMD Ryzen 9 5950X 16-Core Processor", "AMD Ryzen 9 5950X", 105, nameof(TdpMatchKind.Exact))]
    [InlineData("AMD Ryzen 7 5800X3D 8-Core Processor", "AMD Ryzen 7 5800X3D", 105, nameof(TdpMatchKind.Exact))]
    public void Real_cpuinfo_model_strings_find_their_tdp(string model, string row, double watts, string kind)
    {
        var match = CpuPowerTable.Default.Lookup(model);
        Assert.NotNull(match);
        Assert.Equal(row, match.TableName);
        Assert.Equal(new Watts(watts), match.Tdp);
        Assert.Equal(Enum.Parse<TdpMatchKind>(kind), match.Kind);
    }

    [Theory]
    [InlineData("AMD EPYC")] // what this build machine's hypervisor reports
    [InlineData("QEMU Virtual CPU version 2.5+")]
    [InlineData("")]
    public void Unknown_or_generic_models_find_nothing(string model) => Assert.Null(CpuPowerTable.Default.Lookup(model));

    [Fact]
    public void Short_table_names_never_match_inside_a_word()
    {
        // The table has a row named "460"; it must not be found inside "i7-4600X".
        Assert.NotNull(CpuPowerTable.Default.Lookup("460"));
        Assert.Null(CpuPowerTable.Default.Lookup("Vendor i7-4600X"));
    }

    [Fact]
    public void Embedded_table_keeps_every_row_of_codecarbons_file_except_five_without_a_positive_tdp()
    {
        Assert.Equal(4898, CpuPowerTable.Default.Count);
        Assert.Equal(5, CpuPowerTable.Default.SkippedRows.Count);
        Assert.Contains("cpu_power.csv:1772: Intel Celeron 1000A,27.29.5", CpuPowerTable.Default.SkippedRows);
        Assert.Contains("cpu_power.csv:3563: Intel Quark Microcontroller D1000,0.0", CpuPowerTable.Default.SkippedRows);
    }

    [Theory]
    [InlineData("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", "intel xeon gold 6130")]
    [InlineData("AMD EPYC 7B13 64-Core Processor", "amd epyc 7b13")]
    [InlineData("  Intel®  Core™ i5  ", "intel core i5")]
    public void Normalisation_strips_marks_clocks_core_counts_and_noise_words(string model, string expected) =>
        Assert.Equal(expected, CpuPowerTable.Normalize(model));

    [Fact]
    public void Malformed_table_row_names_file_and_line()
    {
        var ex = Assert.Throws<FormatException>(() => CpuPowerTable.Parse("Name,TDP\nGood CPU,65\nBad CPU,lots\n", "table.csv"));
        Assert.Contains("table.csv:3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'lots'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_names_with_commas_parse()
    {
        var table = CpuPowerTable.Parse("Name,TDP\n\"Intel EP80579 Integrated, 1200 MHz\",19.0\n", "t.csv");
        Assert.Equal(new Watts(19), table.Lookup("Intel EP80579 Integrated, 1200 MHz")?.Tdp);
    }
}

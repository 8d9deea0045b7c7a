using EnergyFacts.Accounting;
using EnergyFacts.Probes;
using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

public sealed class ResultRowFactoryTests
{
    [Fact]
    public void Energy_power_and_emissions_come_from_the_measurement_and_the_settings()
    {
        var row = ResultSamples.Row();

        // 100 W CPU + 5 W RAM for 10 s = 1050 J; × PUE 1.2 = 1260 J = 3.5e-4 kWh; × 56.039 g/kWh.
        Assert.Equal(10, Number(row, "duration"));
        Assert.Equal(100, Number(row, "cpu_power"));
        Assert.Equal(0, Number(row, "gpu_power"));
        Assert.Equal(5, Number(row, "ram_power"));
        Assert.Equal(1000 * 1.2 / Joules.PerKilowattHour, Number(row, "cpu_energy"));
        Assert.Equal(0, Number(row, "gpu_energy"));
        Assert.Equal(50 * 1.2 / Joules.PerKilowattHour, Number(row, "ram_energy"));
        Assert.Equal(1050 * 1.2 / Joules.PerKilowattHour, Number(row, "energy_consumed"));
        Assert.Equal(1050 * 1.2, Number(row, "energy_joules"));
        Assert.Equal(Number(row, "energy_consumed") * 56.039 / 1000, Number(row, "emissions"));
        Assert.Equal(Number(row, "emissions") / 10, Number(row, "emissions_rate"));
        Assert.Equal(Number(row, "energy_consumed") * 1.8, Number(row, "water_consumed"));
        Assert.Equal(1260.0 / 1024, Number(row, "joules_per_sample"));
        Assert.Equal("France", Value(row, "country_name"));
        Assert.Equal("FRA", Value(row, "country_iso_code"));
        Assert.Equal(56.039, Number(row, "carbon_intensity"));
        Assert.Equal(1.2, Number(row, "pue"));
        Assert.Equal(1.8, Number(row, "wue"));
    }

    [Fact]
    public void Timestamp_is_the_end_of_the_window_and_provenance_is_per_component()
    {
        var row = ResultSamples.Row();

        Assert.Equal(ResultSamples.StartedAt.AddSeconds(10), Value(row, "timestamp"));
        Assert.Equal("cpu=replayed;gpu=none;ram=estimated", Value(row, "energy_source"));
        Assert.Equal(101, Assert.IsType<int>(Value(row, "sample_count")));
        Assert.Equal(0.0125, Number(row, "sampler_cpu_seconds"));
        Assert.Equal(100, Number(row, "sampling_interval_ms"));
    }

    [Fact]
    public void The_last_epoch_fills_the_experiment_columns()
    {
        var row = ResultSamples.Row();

        Assert.Equal(1.5, Number(row, "train_loss"));
        Assert.Equal(1.25, Number(row, "eval_loss"));
        Assert.Equal(0.625, Number(row, "eval_top1"));
        Assert.Equal(0.9375, Number(row, "eval_top5"));
        Assert.Equal(0.05, Number(row, "lr"));
        Assert.Equal(2, row.Outcome.History.Count);
    }

    [Fact]
    public void Dropped_readings_mark_the_source_partial_and_count_as_faults()
    {
        var measurement = ResultSamples.Measurement(cpuFaults: 3);

        var row = ResultRowFactory.Create(
            measurement, ResultSamples.Outcome(), AccountingSettings.Default, CarbonIntensityTable.Default.Lookup(null), ResultSamples.Host);

        Assert.Equal("cpu=replayed-partial;gpu=none;ram=estimated", Value(row, "energy_source"));
        Assert.Equal(3, Assert.IsType<int>(Value(row, "faults")));
        Assert.Equal("World", Value(row, "country_name"));
        Assert.Equal(string.Empty, Value(row, "country_iso_code"));
    }

    [Fact]
    public void Without_samples_or_probes_the_derived_columns_stay_honest()
    {
        var outcome = ResultSamples.Outcome() with { Samples = 0, Probes = "", History = [] };

        var row = ResultRowFactory.Create(
            ResultSamples.Measurement(), outcome, AccountingSettings.Default, CarbonIntensityTable.Default.Lookup(null), ResultSamples.Host);

        Assert.Null(Value(row, "joules_per_sample"));
        Assert.Null(row.JoulesPerSample);
        Assert.Null(Value(row, "train_loss"));
        Assert.Null(Value(row, "eval_top1"));
        Assert.Equal("replay:cpu,ram-model", Value(row, "probes"));
    }

    [Fact]
    public void Every_enum_value_has_one_file_token_that_reads_back()
    {
        Assert.Equal(["passed", "failed", "over_budget", "error", "cancelled", "timed_out", "unmeasured", "regressed", "aborted_predicted_over_budget", "aborted_predicted_over_baseline"], FileTokens.StatusTokens);
        foreach (var status in Enum.GetValues<ExperimentStatus>())
        {
            Assert.True(FileTokens.TryParseStatus(FileTokens.Of(status), out var back));
            Assert.Equal(status, back);
        }

        foreach (var component in Enum.GetValues<PowerComponent>())
        {
            Assert.True(FileTokens.TryParseComponent(FileTokens.Of(component), out var back));
            Assert.Equal(component, back);
        }

        foreach (var source in Enum.GetValues<EnergySource>())
        {
            Assert.True(FileTokens.TryParseSource(FileTokens.Of(source), out var back));
            Assert.Equal(source, back);
        }

        Assert.False(FileTokens.TryParseStatus("Passed", out _));
    }

    [Fact]
    public void A_row_is_refused_an_account_of_another_measurement()
    {
        var settings = AccountingSettings.Default;
        var account = new EmissionsCalculator(settings, CarbonIntensityTable.Default.Lookup(null)).Account(ResultSamples.Measurement(seconds: 5));

        var error = Assert.Throws<ArgumentException>(() => ResultRowFactory.Create(ResultSamples.Measurement(seconds: 10), ResultSamples.Outcome(), account, ResultSamples.Host));

        Assert.Contains("its own measurement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_gives_its_trial_observation_for_statistics()
    {
        var observation = ResultSamples.Row().ToObservation();

        Assert.Equal(1260, observation.Energy.Value);
        Assert.Equal(TimeSpan.FromSeconds(10), observation.Duration);
    }

    private static object? Value(ResultRow row, string column) => ResultColumns.Get(column).ValueOf(row);

    private static double Number(ResultRow row, string column) => Assert.IsType<double>(Value(row, column));
}

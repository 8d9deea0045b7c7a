using EnergyFacts.Accounting;
using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

public sealed class ResultRowFactoryTests
{
    [Fact]
    public void Energy_power_and_emissions_come_from_the_measurement_and_the_settings()
    {
        var row = ResultSamples.Row();

        // 100 W CPU + 5 W RAM for 10 s = 1050 J; × PUE 1.2 = 1260 J = 3.5e-4 kWh; × 56.039 g/kWh.
        Assert.Equal(10, row.DurationSeconds);
        Assert.Equal(100, row.CpuPowerWatts);
        Assert.Equal(0, row.GpuPowerWatts);
        Assert.Equal(5, row.RamPowerWatts);
        Assert.Equal(1000 * 1.2 / Joules.PerKilowattHour, row.CpuEnergyKilowattHours);
        Assert.Equal(0, row.GpuEnergyKilowattHours);
        Assert.Equal(50 * 1.2 / Joules.PerKilowattHour, row.RamEnergyKilowattHours);
        Assert.Equal(1050 * 1.2 / Joules.PerKilowattHour, row.EnergyConsumedKilowattHours);
        Assert.Equal(1050 * 1.2, row.EnergyJoules);
        Assert.Equal(row.EnergyConsumedKilowattHours * 56.039 / 1000, row.EmissionsKilograms);
        Assert.Equal(row.EmissionsKilograms / 10, row.EmissionsRateKilogramsPerSecond);
        Assert.Equal(row.EnergyConsumedKilowattHours * 1.8, row.WaterConsumedLitres);
        Assert.Equal(1260.0 / 1024, row.JoulesPerSample);
        Assert.Equal("France", row.CountryName);
        Assert.Equal("FRA", row.CountryIsoCode);
        Assert.Equal(56.039, row.CarbonIntensityGramsPerKilowattHour);
        Assert.Equal(1.2, row.Pue);
        Assert.Equal(1.8, row.Wue);
    }

    [Fact]
    public void Timestamp_is_the_end_of_the_window_and_provenance_is_per_component()
    {
        var row = ResultSamples.Row();

        Assert.Equal(ResultSamples.StartedAt.AddSeconds(10), row.Timestamp);
        Assert.Equal("cpu=replayed;gpu=none;ram=estimated", row.EnergySource);
        Assert.Equal(101, row.SampleCount);
        Assert.Equal(0.0125, row.SamplerCpuSeconds);
        Assert.Equal(100, row.SamplingIntervalMilliseconds);
    }

    [Fact]
    public void The_last_epoch_fills_the_experiment_columns()
    {
        var row = ResultSamples.Row();

        Assert.Equal(1.5, row.TrainLoss);
        Assert.Equal(1.25, row.EvalLoss);
        Assert.Equal(0.625, row.EvalTop1);
        Assert.Equal(0.9375, row.EvalTop5);
        Assert.Equal(0.05, row.LearningRate);
        Assert.Equal(2, row.History.Count);
    }

    [Fact]
    public void Dropped_readings_mark_the_source_partial_and_count_as_faults()
    {
        var measurement = ResultSamples.Measurement(cpuFaults: 3);

        var row = ResultRowFactory.Create(
            measurement, ResultSamples.Outcome(), AccountingSettings.Default, CarbonIntensityTable.Default.Lookup(null), ResultSamples.Host);

        Assert.Equal("cpu=replayed-partial;gpu=none;ram=estimated", row.EnergySource);
        Assert.Equal(3, row.Faults);
        Assert.Equal("World", row.CountryName);
        Assert.Equal(string.Empty, row.CountryIsoCode);
    }

    [Fact]
    public void Without_samples_or_probes_the_derived_columns_stay_honest()
    {
        var outcome = ResultSamples.Outcome() with { Samples = 0, Probes = "", History = [] };

        var row = ResultRowFactory.Create(
            ResultSamples.Measurement(), outcome, AccountingSettings.Default, CarbonIntensityTable.Default.Lookup(null), ResultSamples.Host);

        Assert.Null(row.JoulesPerSample);
        Assert.Null(row.TrainLoss);
        Assert.Null(row.EvalTop1);
        Assert.Equal("replay:cpu,ram-model", row.Probes);
    }

    [Fact]
    public void Status_is_written_lower_case_with_underscores()
    {
        Assert.Equal("passed", ExperimentStatus.Passed.ToResultText());
        Assert.Equal("failed", ExperimentStatus.Failed.ToResultText());
        Assert.Equal("over_budget", ExperimentStatus.OverBudget.ToResultText());
        Assert.Equal("error", ExperimentStatus.Error.ToResultText());
    }

    [Fact]
    public void A_row_gives_its_trial_observation_for_statistics()
    {
        var observation = ResultSamples.Row().ToObservation();

        Assert.Equal(1260, observation.Energy.Value);
        Assert.Equal(TimeSpan.FromSeconds(10), observation.Duration);
    }
}

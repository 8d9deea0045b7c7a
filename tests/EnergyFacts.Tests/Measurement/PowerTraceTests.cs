using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Tests.Measurement;

/// <summary>The per-trial power trace: bounded in memory and on disk, and exact in energy however it is merged.</summary>
public sealed class PowerTraceTests
{
    private static readonly EnergySource?[] Sources = [EnergySource.Estimated, null, EnergySource.Replayed];

    // A seeded, uneven power curve: cpu 20–120 W, ram 3–7 W, gpu off, ticks of 10 ms ± 5 ms.
    private static (PowerTraceRecorder Recorder, double[] Final, double Seconds) Record(int ticks, int capacity = PowerTraceRecorder.DefaultCapacity)
    {
        var random = new Random(7);
        var recorder = new PowerTraceRecorder(capacity);
        var cumulative = new double[3];
        var seconds = 0.0;
        recorder.Record(0, cumulative);
        for (var i = 1; i < ticks; i++)
        {
            var step = 0.005 + (random.NextDouble() * 0.01);
            seconds += step;
            cumulative[0] += (20 + (100 * random.NextDouble())) * step;
            cumulative[2] += (3 + (4 * random.NextDouble())) * step;
            recorder.Record(seconds, cumulative);
        }

        return (recorder, [.. cumulative], seconds);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(999)]
    [InlineData(5_000)]
    [InlineData(100_003)]
    public void Merged_intervals_keep_the_total_energy_of_every_component_and_stay_within_the_limit(int ticks)
    {
        var (recorder, final, seconds) = Record(ticks);
        var trace = recorder.ToTrace(Sources);

        var intervals = trace.Intervals(1000);

        Assert.InRange(intervals.Count, 1, 1000);
        Assert.InRange(trace.PointCount, 2, PowerTraceRecorder.DefaultCapacity);
        Assert.Equal(0, intervals[0].StartSeconds);
        Assert.Equal(seconds, intervals[^1].EndSeconds);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(final[c], trace.EnergyOf((PowerComponent)c).Value);
            Assert.Equal(final[c], intervals.Sum(i => i.Joules[c]), final[c] * 1e-12);
            Assert.Equal(final[c], intervals.Sum(i => i.Watts[c] * (i.EndSeconds - i.StartSeconds)), final[c] * 1e-12);
        }

        // Intervals follow each other without gaps or overlaps.
        Assert.All(intervals.Skip(1).Zip(intervals), pair => Assert.Equal(pair.Second.EndSeconds, pair.First.StartSeconds));
    }

    [Fact]
    public void A_long_window_is_thinned_in_memory_but_still_ends_at_the_closing_read()
    {
        var (recorder, final, seconds) = Record(50_001, capacity: 16);
        var trace = recorder.ToTrace(Sources);

        Assert.InRange(trace.PointCount, 2, 16);
        var intervals = trace.Intervals(1000);
        Assert.Equal(seconds, intervals[^1].EndSeconds);
        Assert.Equal(final[0], intervals.Sum(i => i.Joules[0]), final[0] * 1e-12);
    }

    [Fact]
    public void Ticks_at_the_same_instant_are_folded_without_losing_energy_or_dividing_by_zero()
    {
        var recorder = new PowerTraceRecorder();
        recorder.Record(0, [0, 0, 0]);
        recorder.Record(0, [5, 0, 0]);     // a counter's jump read at the opening instant
        recorder.Record(1, [105, 0, 1]);
        recorder.Record(1, [106, 0, 1]);   // a Mark right after a tick
        recorder.Record(2, [206, 0, 2]);
        recorder.Record(2, [207, 0, 2]);   // the closing read at the last tick's instant

        var intervals = recorder.ToTrace(Sources).Intervals(1000);

        Assert.Equal([(0.0, 1.0), (1.0, 2.0)], intervals.Select(i => (i.StartSeconds, i.EndSeconds)));
        Assert.Equal(207, intervals.Sum(i => i.Joules[0]));
        Assert.Equal([105.0, 102.0], intervals.Select(i => i.Watts[0]));
        Assert.All(intervals, i => Assert.All(i.Watts, w => Assert.True(double.IsFinite(w))));
    }

    [Fact]
    public void A_window_with_only_its_opening_read_has_no_interval()
    {
        var recorder = new PowerTraceRecorder();
        recorder.Record(0, [0, 0, 0]);

        Assert.Empty(recorder.ToTrace(Sources).Intervals(1000));
    }

    [Fact]
    public void The_sampler_hands_its_trace_to_the_measurement_with_the_measured_energy()
    {
        using var probe = new EnergyFacts.Probes.Constant.ConstantPowerProbe(PowerComponent.Cpu, new Watts(80));
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(5));
        sampler.Start();
        Thread.Sleep(60);
        _ = sampler.Mark();
        var measurement = sampler.Stop();

        var trace = Assert.IsType<SampledPowerTrace>(measurement.Trace);
        Assert.Equal(measurement[PowerComponent.Cpu].Energy.Value, trace.EnergyOf(PowerComponent.Cpu).Value, 1e-9);
        var intervals = trace.Intervals(1000);
        // A constant 80 W: every interval's mean power is 80 W, and together they span the window.
        Assert.All(intervals, i => Assert.Equal(80, i.Watts[0], 6));
        Assert.Equal(measurement.Duration.TotalSeconds, intervals[^1].EndSeconds, 6);
        Assert.Equal(EnergySource.Estimated, trace.Sources[(int)PowerComponent.Cpu]);
    }
}

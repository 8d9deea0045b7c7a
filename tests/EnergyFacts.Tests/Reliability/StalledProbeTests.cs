using System.Diagnostics;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.FaultInjection;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Tests.Reliability;

/// <summary>A probe that hangs costs its own readings only: never the other probes', the experiment's, or a thread that outlives the sampler.</summary>
public sealed class StalledProbeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void A_probe_stalled_for_good_loses_its_reads_as_stalled_while_the_others_keep_their_cadence()
    {
        using var stuck = FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Gpu, new Watts(300)), FaultSchedule.Listed(Timeout.InfiniteTimeSpan, (3, InjectedFault.Stall)));
        using var cpu = new ConstantPowerProbe(PowerComponent.Cpu, new Watts(50));
        using var sampler = new EnergySampler([stuck, cpu], Interval, Deadline);

        sampler.Start();
        Thread.Sleep(500);
        var watch = Stopwatch.StartNew();
        var phase = sampler.Mark();
        var markTook = watch.Elapsed;
        watch.Restart();
        var measurement = sampler.Stop();
        var stopTook = watch.Elapsed;

        // One tick waits out the deadline once; after that the stuck probe is skipped without waiting.
        Assert.True(markTook < TimeSpan.FromSeconds(1), $"Mark() waited {markTook.TotalMilliseconds} ms behind a stalled probe");
        Assert.True(stopTook < TimeSpan.FromSeconds(2), $"Stop() waited {stopTook.TotalMilliseconds} ms behind a stalled probe");
        Assert.True(phase[PowerComponent.Cpu].Value > 0);
        Assert.True(measurement.SampleCount >= 10, $"only {measurement.SampleCount} ticks in 500 ms: the stall held the sampler up");
        var cpuEnergy = measurement[PowerComponent.Cpu];
        Assert.False(cpuEnergy.Partial);
        Assert.Equal(50 * measurement.Duration.TotalSeconds, cpuEnergy.Energy.Value, 50 * measurement.Duration.TotalSeconds * 0.02);
        var gpu = measurement[PowerComponent.Gpu];
        Assert.Equal(gpu.Faults, gpu.FaultsByKind[ProbeFault.Stalled]);
        Assert.Equal(measurement.SampleCount - 3, gpu.Faults);
        Assert.InRange(gpu.UncoveredTime.TotalSeconds, 0.4, measurement.Duration.TotalSeconds);
        Assert.Contains(measurement.Warnings, w => w.StartsWith("gpu energy is partial: ", StringComparison.Ordinal) && w.Contains(" stalled)", StringComparison.Ordinal));
        Assert.Contains(measurement.Warnings, w => w.Contains("Probe constant:gpu was still stuck in a read", StringComparison.Ordinal));
        Assert.False(sampler.HasLiveThreads(includeAbandoned: false), "a sampler or healthy reader thread outlived Stop()");
    }

    [Fact]
    public void A_stall_shorter_than_the_window_ends_and_the_probe_is_read_again()
    {
        using var slow = FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Cpu, new Watts(20)), FaultSchedule.Listed(TimeSpan.FromMilliseconds(200), (2, InjectedFault.Stall)));
        using var sampler = new EnergySampler([slow], Interval, Deadline);

        sampler.Start();
        Thread.Sleep(600);
        var measurement = sampler.Stop();

        var cpu = measurement[PowerComponent.Cpu];
        Assert.True(cpu.FaultsByKind[ProbeFault.Stalled] >= 1);
        Assert.True(cpu.Faults < measurement.SampleCount - 5, $"{cpu.Faults} of {measurement.SampleCount} reads dropped: the probe was not read again after its stall");
        Assert.Equal(20 * measurement.Duration.TotalSeconds, cpu.Energy.Value, 20 * measurement.Duration.TotalSeconds * 0.05); // interpolated across the stall
        Assert.DoesNotContain(measurement.Warnings, w => w.Contains("still stuck", StringComparison.Ordinal));
        Assert.False(sampler.HasLiveThreads(includeAbandoned: true));
    }

    [Fact]
    public void Disposing_a_running_sampler_as_a_timed_out_or_cancelled_trial_does_ends_every_thread_it_started()
    {
        using var stuck = FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Gpu, new Watts(300)), FaultSchedule.Listed(Timeout.InfiniteTimeSpan, (2, InjectedFault.Stall)));
        using var cpu = new ConstantPowerProbe(PowerComponent.Cpu, new Watts(50));
        var sampler = new EnergySampler([stuck, cpu], Interval, Deadline);
        sampler.Start();
        Thread.Sleep(100);

        var watch = Stopwatch.StartNew();
        sampler.Dispose(); // what TrialWindow.Dispose does when the body times out or is cancelled: no Stop()
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Dispose() took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.False(sampler.HasLiveThreads(includeAbandoned: false), "the sampler thread or a healthy reader outlived Dispose()");

        stuck.Dispose(); // the hung driver call finally returns
        Assert.True(SpinWait.SpinUntil(() => !sampler.HasLiveThreads(includeAbandoned: true), TimeSpan.FromSeconds(10)),
            "the abandoned reader did not end once its read returned");
    }
}

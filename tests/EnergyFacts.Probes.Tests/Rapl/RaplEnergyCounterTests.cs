using EnergyFacts.Probes.Platform;
using EnergyFacts.Probes.Rapl;

namespace EnergyFacts.Probes.Tests.Rapl;

public sealed class RaplEnergyCounterTests
{
    private const ulong IntelRange = 262_143_328_850;

    private static RaplEnergyCounter OfferSingle(FakePowercapTree tree)
    {
        var offer = new RaplProbeProvider(HostOperatingSystem.Linux, SysfsCounterFileOpener.Instance).Offer(null, tree.Settings);
        return (RaplEnergyCounter)Assert.Single(offer.Probes);
    }

    /// <summary>
    /// A writer thread advances the counter step by step (mod range) while the test thread reads as the sampler would;
    /// a handshake makes each read see exactly one step, so the expected energy is exact.
    /// </summary>
    private static (Joules Energy, ulong ExpectedMicrojoules, int FailedReads) RunWriter(
        FakePowercapTree tree, RaplEnergyCounter probe, ulong start, ulong range, List<ulong> steps)
    {
        using var written = new SemaphoreSlim(0);
        using var consumed = new SemaphoreSlim(0);
        var writer = new Thread(() =>
        {
            var value = start;
            foreach (var step in steps)
            {
                value = (value + step) % range;
                tree.SetEnergy("intel-rapl:0", value);
                written.Release();
                consumed.Wait();
            }
        });
        probe.Start();
        writer.Start();
        var energy = Joules.Zero;
        var failed = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            written.Wait();
            if (!probe.TryReadEnergy(TimeSpan.FromSeconds(i + 1), out energy))
            {
                failed++;
            }

            consumed.Release();
        }

        writer.Join();
        return (energy, steps.Aggregate(0UL, (a, b) => a + b), failed);
    }

    [Fact]
    public void Counter_that_wraps_once_while_a_writer_thread_advances_it_reads_exact_joules()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        const ulong start = IntelRange - 150_000_000; // 150 J below the top
        tree.AddZone("intel-rapl:0", "package-0", start, IntelRange);
        using var probe = OfferSingle(tree);
        var (energy, expected, failed) = RunWriter(tree, probe, start, IntelRange, [100_000_123, 100_000_456, 99_999_999]);
        Assert.Equal(0, failed);
        Assert.Equal(1, probe.Wraps);
        Assert.Equal(Joules.FromMicrojoules(expected), energy);
        Assert.Equal(Joules.FromMicrojoules(300_000_578), energy);
    }

    [Fact]
    public void Counter_that_wraps_several_times_over_a_long_run_reads_exact_joules()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        const ulong range = 65_532_610_987; // AMD 32-bit counter: about 65.5 kJ
        tree.AddZone("intel-rapl:0", "package-0", 12_345, range);
        using var probe = OfferSingle(tree);

        // 180 steps of 1.0–2.0 kJ at 1 s each (under the 2000 W plausibility bound): about 270 kJ, four or more wraps.
        var random = new Random(20261123);
        var steps = Enumerable.Range(0, 180).Select(_ => (ulong)random.NextInt64(1_000_000_000, 1_999_000_000)).ToList();
        var (energy, expected, failed) = RunWriter(tree, probe, 12_345, range, steps);
        Assert.Equal(0, failed);
        Assert.Equal((int)((12_345 + expected) / range), probe.Wraps);
        Assert.True(probe.Wraps >= 4, $"only {probe.Wraps} wraps");
        Assert.Equal(Joules.FromMicrojoules(expected), energy);
        Assert.Equal(0, probe.Faults);
    }

    [Fact]
    public void Counter_reset_is_a_fault_and_a_new_baseline_not_a_wrap_of_hundreds_of_kilojoules()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 100_000_000_000, IntelRange);
        using var probe = OfferSingle(tree);
        probe.Start();
        tree.SetEnergy("intel-rapl:0", 100_050_000_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var beforeReset));
        Assert.Equal(new Joules(50), beforeReset);

        tree.SetEnergy("intel-rapl:0", 10_000_000); // driver reload: 10 J; a wrap would mean 162 kJ in 1 s
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var atReset));
        Assert.Equal(new Joules(50), atReset);
        Assert.Equal(1, probe.Faults);
        Assert.Equal(0, probe.Wraps);

        tree.SetEnergy("intel-rapl:0", 40_000_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(3), out var after));
        Assert.Equal(new Joules(80), after);
    }

    [Fact]
    public void Missing_max_energy_range_makes_every_drop_a_fault_and_says_so_in_the_legend()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 5_000_000, maxRangeMicrojoules: null);
        using var probe = OfferSingle(tree);
        Assert.Contains("max_energy_range_uj missing", probe.Descriptor.Legend, StringComparison.Ordinal);
        probe.Start();
        tree.SetEnergy("intel-rapl:0", 1_000_000);
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var energy));
        Assert.Equal(Joules.Zero, energy);
        Assert.Equal(1, probe.Faults);
        tree.SetEnergy("intel-rapl:0", 3_500_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out energy));
        Assert.Equal(new Joules(2.5), energy);
    }

    [Fact]
    public void Implausible_forward_jump_is_a_fault()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 0, IntelRange);
        using var probe = OfferSingle(tree);
        probe.Start();
        tree.SetEnergy("intel-rapl:0", 30_000_000_000); // 30 kJ in 1 s = 30 kW
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var energy));
        Assert.Equal(Joules.Zero, energy);
        Assert.Equal(1, probe.Faults);
    }

    [Fact]
    public void Counter_file_that_vanishes_mid_run_makes_reads_fail_without_throwing_and_keeps_the_total()
    {
        // Simulated: sysfs returns ENODEV once the zone is removed; a regular file kept open would still read.
        var file = new VanishingFile([1_000_000, 3_000_000], failAfter: 2);
        var zone = new RaplZone("intel-rapl:0", "package-0", RaplZoneKind.Package, RaplInterface.Msr, "/fake", null, IntelRange);
        using var probe = new RaplEnergyCounter(zone, file, RaplProbeProvider.MaxPlausibleZoneWatts, "test");
        probe.Start();
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var energy));
        Assert.Equal(new Joules(2), energy);
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out energy));
        Assert.Equal(new Joules(2), energy);
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(3), out _));
    }

    [Fact]
    public void Counter_file_emptied_or_garbled_mid_run_is_a_fault_and_counting_resumes_when_it_reads_again()
    {
        LinuxOnly.Require();
        using var tree = new FakePowercapTree();
        var zone = tree.AddZone("intel-rapl:0", "package-0", 1_000_000, IntelRange);
        using var probe = OfferSingle(tree);
        probe.Start();
        File.WriteAllText(Path.Combine(zone, "energy_uj"), ""); // truncated in place: the open handle reads 0 bytes
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out _));
        File.WriteAllText(Path.Combine(zone, "energy_uj"), "not a number\n");
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out _));
        tree.SetEnergy("intel-rapl:0", 4_000_000);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(3), out var energy));
        Assert.Equal(new Joules(3), energy);
    }

    [Fact]
    public void Baseline_missing_at_start_is_taken_by_the_first_read_which_reports_a_fault()
    {
        var file = new VanishingFile([7, 1_000_007], failFirst: true);
        var zone = new RaplZone("intel-rapl:0", "package-0", RaplZoneKind.Package, RaplInterface.Msr, "/fake", null, IntelRange);
        using var probe = new RaplEnergyCounter(zone, file, RaplProbeProvider.MaxPlausibleZoneWatts, "test");
        probe.Start();
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out _));
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var energy));
        Assert.Equal(new Joules(1), energy);
    }

    [Theory]
    [InlineData("123456789\n", true, 123456789UL)]
    [InlineData("0", true, 0UL)]
    [InlineData("42                      \n", true, 42UL)]
    [InlineData("18446744073709551615\n", true, ulong.MaxValue)]
    [InlineData("18446744073709551616\n", false, 0UL)]
    [InlineData("", false, 0UL)]
    [InlineData("\n", false, 0UL)]
    [InlineData("12a\n", false, 0UL)]
    [InlineData("-5\n", false, 0UL)]
    public void Counter_text_parsing(string text, bool ok, ulong expected)
    {
        Assert.Equal(ok, SysfsCounterFile.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var value));
        if (ok)
        {
            Assert.Equal(expected, value);
        }
    }

    [Fact]
    public void Accumulator_adds_the_wrapped_delta_exactly_at_the_range_edge()
    {
        var accumulator = new RaplCounterAccumulator(1_000, 2000);
        Assert.Equal(CounterStep.Baseline, accumulator.Advance(990, 0));
        Assert.Equal(CounterStep.Wrapped, accumulator.Advance(5, 1));
        Assert.Equal(15UL, accumulator.TotalMicrojoules);
        Assert.Equal(CounterStep.Advanced, accumulator.Advance(5, 2));
        Assert.Equal(15UL, accumulator.TotalMicrojoules);
    }

    private sealed class VanishingFile(ulong[] values, int failAfter = int.MaxValue, bool failFirst = false) : ICounterFile
    {
        private int reads;
        private bool failedFirst;

        public bool TryRead(out ulong value)
        {
            value = 0;
            if (failFirst && !failedFirst)
            {
                failedFirst = true;
                return false;
            }

            if (reads >= failAfter || reads >= values.Length)
            {
                return false;
            }

            value = values[reads++];
            return true;
        }

        public void Dispose() { }
    }
}

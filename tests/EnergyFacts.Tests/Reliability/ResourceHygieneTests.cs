using System.Diagnostics;
using System.Globalization;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Tests.Reliability;

/// <summary>Tests that count the process's threads and handles, run alone so no other test's threads or files are counted.</summary>
[CollectionDefinition(nameof(ProcessWideCounts), DisableParallelization = true)]
public sealed class ProcessWideCounts;

[Collection(nameof(ProcessWideCounts))]
public sealed class ResourceHygieneTests(ITestOutputHelper output)
{
    private const int Trials = 500;

    // Tolerances: the thread pool may keep a few more workers warm after a burst, the runtime opens a few files lazily
    // (e.g. perf maps), and the heap after a full collection varies by JIT and GC bookkeeping. A leak of one thread,
    // one handle or ~20 KB per trial would exceed each by far: 500 threads, 500 handles, 10 MB.
    private const int ThreadTolerance = 8;
    private const int HandleTolerance = 8;
    private const long ManagedBytesTolerance = 4 * 1024 * 1024;

    [Fact]
    public void Five_hundred_short_trials_leave_no_thread_handle_or_managed_memory_behind()
    {
        var trace = PowerTrace.Parse("hygiene.csv", [PowerTrace.Header, "0,100,0,5", "0.01,120,0,5"]);
        RunTrials(trace, 20); // warm-up: JIT, thread pool, lazily opened files
        var before = Snapshot.Take();

        RunTrials(trace, Trials);
        var after = Snapshot.Take();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Trials} trials: threads {before.Threads} → {after.Threads}, handles {before.Handles} → {after.Handles}, managed bytes {before.ManagedBytes} → {after.ManagedBytes}"));
        Assert.True(after.Threads <= before.Threads + ThreadTolerance, $"threads grew from {before.Threads} to {after.Threads}");
        Assert.True(after.Handles <= before.Handles + HandleTolerance, $"handles grew from {before.Handles} to {after.Handles}");
        Assert.True(after.ManagedBytes <= before.ManagedBytes + ManagedBytesTolerance, $"managed memory grew from {before.ManagedBytes} to {after.ManagedBytes} bytes");
    }

    private static void RunTrials(PowerTrace trace, int trials)
    {
        for (var i = 0; i < trials; i++)
        {
            using var cpu = new ReplayProbe(trace, PowerComponent.Cpu);
            using var ram = new ReplayProbe(trace, PowerComponent.Ram);
            using var gpu = new ConstantPowerProbe(PowerComponent.Gpu, new Watts(30));
            using var sampler = new EnergySampler([cpu, gpu, ram], TimeSpan.FromMilliseconds(1));
            sampler.Start();
            sampler.Mark();
            var measurement = sampler.Stop();
            Assert.True(measurement.Components.All(c => !c.Partial), $"trial {i} dropped readings");
            Assert.False(sampler.HasLiveThreads(includeAbandoned: true), $"trial {i} left a sampler thread running");
        }
    }

    private sealed record Snapshot(int Threads, int Handles, long ManagedBytes)
    {
        public static Snapshot Take()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return new Snapshot(ThreadCount(), HandleCount(), GC.GetTotalMemory(forceFullCollection: true));
        }

        // /proc counts native threads and file descriptors exactly; elsewhere the Process API is the fallback.
        private static int ThreadCount() =>
            Directory.Exists("/proc/self/task") ? Directory.GetDirectories("/proc/self/task").Length : Process.GetCurrentProcess().Threads.Count;

        private static int HandleCount() =>
            Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount;
    }
}

using EnergyFacts.Torch.Training;
using TorchSharp;

namespace EnergyFacts.Torch.Tests.Training;

public sealed class TorchThreadsTests
{
    [Theory]
    [InlineData(1, 1, 0.0, 1)]
    [InlineData(2, 2, 0.0, 2)] // the 2-vCPU VM, quiet: both cores
    [InlineData(2, 2, 0.4, 2)] // background noise does not cost a core
    [InlineData(2, 2, 0.5, 1)]
    [InlineData(2, 2, 1.0, 1)] // one core busy (a parallel build or test run): one thread, off the OpenMP barrier cliff
    [InlineData(2, 2, 2.0, 1)] // never below one
    [InlineData(16, 8, 0.0, 8)] // SMT siblings count once
    [InlineData(16, 8, 3.4, 5)]
    public void Recommended_count_is_the_free_physical_cores(int logical, int physical, double busy, int expected) =>
        Assert.Equal(expected, TorchThreads.Recommended(new CpuAvailability(logical, physical, busy, TimeSpan.FromMilliseconds(200))));

    [Fact]
    public void Apply_sets_the_process_wide_count_and_an_explicit_count_wins()
    {
        int before = torch.get_num_threads();
        try
        {
            Assert.Equal(2, TorchThreads.Apply(2));
            Assert.Equal(2, torch.get_num_threads());
            var choice = TorchThreads.Choose(1);
            Assert.Equal((1, "set by the experiment"), (choice.IntraOp, choice.Reason));
            Assert.Equal(torch.get_num_interop_threads(), choice.InterOp);
            Assert.Throws<ArgumentOutOfRangeException>(() => TorchThreads.Choose(0));
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("auto", null)]
    [InlineData(" AUTO ", null)]
    [InlineData("3", 3)]
    [InlineData("1024", 1024)]
    public void Thread_variables_are_auto_or_a_count(string? value, int? expected)
    {
        var variable = "ENERGYFACTS_TEST_THREADS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            Assert.Equal(expected, TorchThreads.CountFrom(variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1025")]
    [InlineData("two")]
    [InlineData("-1")]
    public void A_bad_thread_variable_names_the_value_and_what_is_allowed(string value)
    {
        var variable = "ENERGYFACTS_TEST_THREADS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var e = Assert.Throws<ArgumentException>(() => TorchThreads.CountFrom(variable));
            Assert.Contains($"{variable}={value}", e.Message, StringComparison.Ordinal);
            Assert.Contains("auto or a whole number from 1 to 1024", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Proc_stat_gives_busy_and_total_ticks_without_counting_guest_time_twice()
    {
        const string stat = """
            cpu  100 5 50 800 20 3 2 10 40 0
            cpu0 50 2 25 400 10 1 1 5 20 0
            cpu1 50 3 25 400 10 2 1 5 20 0
            intr 12345
            """;

        var parsed = CpuAvailability.ParseProcStat(stat);

        // busy = user + nice + system + irq + softirq + steal = 170; total adds idle + iowait = 990 (guest columns left out).
        Assert.Equal((170L, 990L, 2), parsed);
        Assert.Null(CpuAvailability.ParseProcStat("intr 1\n"));
        Assert.Null(CpuAvailability.ParseProcStat("cpu  1 x 3 4\ncpu0 1 2 3 4\n"));
    }

    [Fact]
    public void Smt_siblings_are_one_physical_core()
    {
        Assert.Equal(2, CpuAvailability.CountPhysicalCores([("0", "0"), ("0", "1"), ("0", "0"), ("0", "1")]));
        Assert.Equal(2, CpuAvailability.CountPhysicalCores([("0", "0"), ("1", "0")]));
    }

    [Fact]
    public void Measuring_this_machine_reports_its_cores_and_a_load_within_them()
    {
        var cpus = CpuAvailability.Measure(TimeSpan.FromMilliseconds(50));

        Assert.Equal(Environment.ProcessorCount, cpus.LogicalProcessors);
        Assert.InRange(cpus.PhysicalCores, 1, cpus.LogicalProcessors);
        Assert.InRange(cpus.BusyCores, 0, cpus.LogicalProcessors);
        Assert.InRange(TorchThreads.Recommended(cpus), 1, cpus.PhysicalCores);
        Assert.Contains("busy with other processes", cpus.ToString(), StringComparison.Ordinal);
    }
}

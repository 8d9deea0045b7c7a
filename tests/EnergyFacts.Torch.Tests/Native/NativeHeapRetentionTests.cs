namespace EnergyFacts.Torch.Tests.Native;

public sealed class NativeHeapRetentionTests
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("glibc.pthread.rseq=0", null, true)]
    [InlineData(null, "DEFAULT", false)] // the user leaves glibc alone
    [InlineData(null, " default ", false)]
    [InlineData("glibc.malloc.arena_max=2", null, false)] // the user tunes malloc already: theirs wins
    [InlineData(null, "retain", true)]
    public void The_thresholds_are_set_unless_the_user_tunes_malloc_or_opts_out(string? tunables, string? choice, bool wanted) =>
        Assert.Equal(wanted, NativeHeapRetention.Wanted(tunables, choice));

    [Fact]
    public void Applied_once_in_this_process_and_said_so_on_glibc()
    {
        var first = NativeHeapRetention.Apply();
        Assert.Same(first, NativeHeapRetention.Apply());
        if (OperatingSystem.IsLinux() && NativeHeapRetention.Wanted(Environment.GetEnvironmentVariable("GLIBC_TUNABLES"), Environment.GetEnvironmentVariable(NativeHeapRetention.Variable)))
        {
            Assert.Contains("mmap threshold 256 MiB, trim threshold 1024 MiB", first, StringComparison.Ordinal);
        }
    }
}

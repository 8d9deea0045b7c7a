namespace EnergyFacts.Torch.Tests.Native;

public sealed class OneDnnIsaLimitTests
{
    private const string AmdAvx512 = "vendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9B14\nflags\t\t: fpu sse2 avx2 avx512f avx512bw\n";

    [Fact]
    public void Amd_cpus_with_avx512_get_the_cap() => Assert.True(OneDnnIsaLimit.Needed(AmdAvx512));

    [Theory]
    [InlineData("vendor_id\t: GenuineIntel\nflags\t\t: fpu avx2 avx512f\n")]
    [InlineData("vendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2\n")]
    [InlineData("vendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 avx512_bf16\n")]
    public void Other_cpus_are_left_alone(string cpuinfo) => Assert.False(OneDnnIsaLimit.Needed(cpuinfo));
}

namespace EnergyFacts.Probes.Tests;

/// <summary>Guards for tests that need Linux file names (':' in powercap zone names) or a C compiler for ELF libraries.</summary>
internal static class LinuxOnly
{
    public static void Require()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "powercap trees and the fake NVML library exist on Linux only");
    }
}

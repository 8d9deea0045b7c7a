using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Platform;

public sealed class CpuInventoryArmTests
{
    [Fact]
    public void Arm_cpuinfo_without_model_name_falls_back_to_the_board_model()
    {
        var inventory = CpuInventory.Parse("processor\t: 0\nBogoMIPS\t: 108.00\n\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n", "/proc/cpuinfo");
        Assert.Equal("Raspberry Pi 4 Model B Rev 1.4", inventory.ModelName);
    }

    [Fact]
    public void Model_name_wins_over_the_board_model()
    {
        var inventory = CpuInventory.Parse("processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\nHardware\t: BCM2835\n", "/proc/cpuinfo");
        Assert.Equal("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", inventory.ModelName);
    }
}

using EnergyFacts.Torch.Training;
using TorchSharp;

namespace EnergyFacts.Torch.Tests.Training;

public sealed class TorchThreadsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(16, 8)]
    public void Recommended_count_follows_the_measured_rule(int logical, int expected) =>
        Assert.Equal(expected, TorchThreads.Recommended(logical));

    [Fact]
    public void Apply_sets_the_process_wide_count()
    {
        int before = torch.get_num_threads();
        try
        {
            Assert.Equal(2, TorchThreads.Apply(2));
            Assert.Equal(2, torch.get_num_threads());
            Assert.Equal(TorchThreads.Recommended(Environment.ProcessorCount), TorchThreads.Apply(null));
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }
}

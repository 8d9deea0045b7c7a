using EnergyFacts.Framework;

namespace EnergyFacts.Tests.Framework;

public sealed class ExperimentDefinitionTests
{
    private static ExperimentDefinition WithDevice(string device) => new("mlp", 8, 1, null, device, 1, null);

    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:3")]
    public void The_device_grammar_accepts_auto_cpu_cuda_and_cuda_n(string device) =>
        Assert.Empty(WithDevice(device).Problems());

    [Theory]
    [InlineData("gpu")]
    [InlineData("CPU")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData(" cpu")]
    public void Anything_else_is_refused_at_discovery_with_what_is_allowed(string device)
    {
        var problem = Assert.Single(WithDevice(device).Problems());
        Assert.Contains($"Device = \"{device}\"", problem, StringComparison.Ordinal);
        Assert.Contains("auto, cpu, cuda, cuda:N", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_that_differ_only_in_their_seed_get_different_names()
    {
        var one = new ExperimentDefinition("mlp", 8, 1, null, "auto", 1, 1);
        var two = one with { Seed = 2 };
        Assert.NotEqual(one.Label, two.Label);
        Assert.EndsWith("| seed=2", two.Label, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", (one with { Seed = null }).Label, StringComparison.Ordinal);
    }
}

namespace EnergyFacts.Tests;

public sealed class ProjectLoads
{
    [Fact]
    public void Assembly_is_named_after_its_folder() =>
        Assert.StartsWith("EnergyFacts.", typeof(ProjectLoads).Assembly.GetName().Name, StringComparison.Ordinal);
}

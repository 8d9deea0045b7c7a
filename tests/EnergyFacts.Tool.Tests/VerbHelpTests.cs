namespace EnergyFacts.Tool.Tests;

public sealed class VerbHelpTests
{
    [Theory]
    [InlineData("advise", "Exit codes: 0 a configuration was chosen, 1 none meets the constraints")]
    [InlineData("compare", "Exit codes: 0 no regression, 1 a case regressed")]
    [InlineData("merge", "Exit codes: 0 merged, 1 merged but conflicting duplicates were found")]
    public void Every_new_verb_has_help_with_its_exit_codes(string verb, string exitCodes)
    {
        var run = ToolRun.Of(verb, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(exitCodes, run.Output, StringComparison.Ordinal);
    }
}

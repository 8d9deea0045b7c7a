namespace EnergyFacts.Tests.EndToEnd;

public sealed class BudgetEndToEndTests
{
    private static readonly string Trace100W = SampleExperimentsProcess.WriteTrace("time_s,cpu_w,gpu_w,ram_w\n0,100,0,0\n");

    [Fact]
    public void A_budget_below_the_measured_energy_fails_the_case_and_the_process_exits_non_zero()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Budgets.OverBudget", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(1, run.Count("failed"));
        Assert.Contains("EnergyBudgetExceededException", run.Output, StringComparison.Ordinal);
        Assert.Contains("MaxKilowattHours = 1E-09 kWh, measured", run.Output, StringComparison.Ordinal);
        Assert.Contains("replay:cpu (replayed)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_above_the_measured_energy_passes()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, run.Count("succeeded"));
    }

    [Fact]
    public void A_negative_budget_fails_the_case_with_what_is_allowed()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Budgets.NegativeBudget", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("[EnergyBudget(MaxKilowattHours = -1)] on method NegativeBudget is not a budget. Allowed: a finite number ≥ 0 in kWh.", run.Output, StringComparison.Ordinal);
    }
}

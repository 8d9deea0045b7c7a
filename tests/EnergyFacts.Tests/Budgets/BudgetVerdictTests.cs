namespace EnergyFacts.Tests.Budgets;

public sealed class BudgetVerdictTests
{
    private static readonly BudgetSpend Spend =
        new(new KilowattHours(2e-6), TimeSpan.FromSeconds(3), new KilogramsCo2e(1e-6), 1000, "cpu: replay:cpu (replayed)");

    [Fact]
    public void Within_every_limit_is_within_budget()
    {
        var verdict = BudgetVerdict.Decide(new EnergyBudget("method M", new KilowattHours(3e-6), TimeSpan.FromSeconds(4), new KilogramsCo2e(2e-6), new Joules(10)), Spend);
        Assert.True(verdict.WithinBudget);
    }

    [Fact]
    public void Each_exceeded_limit_is_named_with_measured_value_unit_and_probes()
    {
        var budget = new EnergyBudget("class C", new KilowattHours(1e-6), TimeSpan.FromSeconds(2), null, new Joules(0.001));
        var verdict = BudgetVerdict.Decide(budget, Spend);

        Assert.Equal(["MaxKilowattHours", "MaxSeconds", "MaxJoulesPerSample"], verdict.Violations.Select(v => v.Limit));
        Assert.Equal(2e-6 * 3_600_000 / 1000, verdict.Violations[2].Measured, 1e-12);
        var message = verdict.Describe("Train [mlp | batch=1 | epochs=1]", Spend.MeasuredBy);
        Assert.Contains("MaxKilowattHours = 1E-06 kWh, measured 2E-06 kWh", message, StringComparison.Ordinal);
        Assert.Contains("MaxSeconds = 2 s, measured 3 s", message, StringComparison.Ordinal);
        Assert.Contains("J/sample", message, StringComparison.Ordinal);
        Assert.Contains("class C", message, StringComparison.Ordinal);
        Assert.Contains("replay:cpu (replayed)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_per_sample_without_samples_is_not_silently_passed()
    {
        var verdict = BudgetVerdict.Decide(new EnergyBudget("m", null, null, null, new Joules(1)), Spend with { Samples = 0 });
        Assert.True(verdict.WithinBudget);
        Assert.Contains("AddSamples", verdict.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_nan_or_infinite_limits_are_refused(double limit)
    {
        var ex = Assert.Throws<ArgumentException>(() => new EnergyBudgetAttribute { MaxSeconds = limit }.ToBudget("method M"));
        Assert.Contains("MaxSeconds", ex.Message, StringComparison.Ordinal);
        Assert.Contains("finite number ≥ 0 in s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nearest_budget_wins()
    {
        Assert.Equal("method OnMethod", EnergyBudget.For(typeof(Budgeted).GetMethod(nameof(Budgeted.OnMethod))!)!.Origin);
        Assert.Equal("class Budgeted", EnergyBudget.For(typeof(Budgeted).GetMethod(nameof(Budgeted.OnClass))!)!.Origin);
        Assert.Null(EnergyBudget.For(typeof(BudgetVerdictTests).GetMethod(nameof(Within_every_limit_is_within_budget))!));
    }

    [Fact]
    public void Typed_limits_refuse_negative_energy_at_discovery()
    {
        var problems = new EnergyBudget("method M", new KilowattHours(-1), null, null, null).Problems();
        Assert.Contains("MaxKilowattHours = -1", Assert.Single(problems), StringComparison.Ordinal);
    }

    [EnergyBudget(MaxSeconds = 10)]
    private sealed class Budgeted
    {
        [EnergyBudget(MaxKilowattHours = 1)]
        public void OnMethod() { }

        public void OnClass() { }
    }
}

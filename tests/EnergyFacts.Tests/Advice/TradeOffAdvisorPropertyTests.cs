using CsCheck;
using EnergyFacts.Advice;

namespace EnergyFacts.Tests.Advice;

public sealed class TradeOffAdvisorPropertyTests
{
    // Grids of 1–10 configurations with distinct keys; energies, latencies and J/sample on wide ranges.
    private static readonly Gen<MeasuredConfiguration[]> Grids =
        Gen.Select(Gen.Double[0, 1], Gen.Double[1, 10_000], Gen.Double[0.01, 10], Gen.Long[1, 100_000]).Array[1, 10]
            .Select(points => points.Select((p, i) => new MeasuredConfiguration(
                new ConfigurationKey("m" + i, 32, 2, "cpu"), 1, p.Item1, new Joules(p.Item2), new MillisecondsPerSample(p.Item3), p.Item2 / p.Item4, "estimated")).ToArray());

    private static readonly Gen<AdviceConstraints> Constraints =
        Gen.Select(Gen.Double[0, 1], Gen.Double[0.01, 10].Nullable(), Gen.Bool)
            .Select(c => new AdviceConstraints
            {
                MinimumTop1 = c.Item1,
                MaximumLatency = c.Item2 is { } l ? new MillisecondsPerSample(l) : null,
                CheapestBy = c.Item3 ? EnergyObjective.PerSample : EnergyObjective.PerRun,
            });

    [Fact]
    public void No_pareto_member_is_dominated_and_every_other_configuration_is_dominated_by_a_member() =>
        Gen.Select(Grids, Gen.Bool).Sample((grid, perSample) =>
        {
            var objective = perSample ? EnergyObjective.PerSample : EnergyObjective.PerRun;
            var pareto = TradeOffAdvisor.Advise(grid, new AdviceConstraints { CheapestBy = objective }).Pareto;
            return pareto.All(p => !grid.Any(c => ParetoSet.Dominates(c, p, objective, withLatency: true)))
                && grid.Where(c => !pareto.Contains(c)).All(c => pareto.Any(p => ParetoSet.Dominates(p, c, objective, withLatency: true)));
        });

    [Fact]
    public void The_choice_meets_every_constraint_and_no_configuration_that_meets_them_is_cheaper() =>
        Gen.Select(Grids, Constraints).Sample((grid, constraints) =>
        {
            var advice = TradeOffAdvisor.Advise(grid, constraints);
            var feasible = grid.Where(c => constraints.Misses(c).Count == 0).ToList();
            return advice.Choice is { } choice
                ? constraints.Misses(choice).Count == 0 && feasible.All(c => c.Energy(constraints.CheapestBy) >= choice.Energy(constraints.CheapestBy))
                : feasible.Count == 0 && advice.Excluded.Count == grid.Length;
        });

    [Fact]
    public void Adding_a_dominated_configuration_never_changes_the_choice_the_pareto_set_or_the_saving() =>
        Gen.Select(Grids, Constraints, Gen.Int[0, 9], Gen.Select(Gen.Double[0, 0.2], Gen.Double[1.001, 2], Gen.Double[1, 2], Gen.Double[1.001, 2])).Sample((grid, constraints, pick, worse) =>
        {
            var better = grid[pick % grid.Length];
            var (lessTop1, energyFactor, latencyFactor, perSampleFactor) = worse;

            // Strictly costlier in energy (per run and per sample) and no better in accuracy or latency: dominated on every
            // figure the advisor reads. Factors rather than increments, so the difference never vanishes in rounding.
            var dominated = new MeasuredConfiguration(
                new ConfigurationKey("dominated", 32, 2, "cpu"),
                1,
                Math.Max(0, better.Top1!.Value - lessTop1),
                better.EnergyPerRun * energyFactor,
                new MillisecondsPerSample(better.Latency!.Value.Value * latencyFactor),
                better.JoulesPerSample!.Value * perSampleFactor,
                "estimated");
            var before = TradeOffAdvisor.Advise(grid, constraints);
            var after = TradeOffAdvisor.Advise([.. grid, dominated], constraints);
            return after.Choice == before.Choice
                && after.Pareto.SequenceEqual(before.Pareto)
                && after.Saving == before.Saving;
        });
}

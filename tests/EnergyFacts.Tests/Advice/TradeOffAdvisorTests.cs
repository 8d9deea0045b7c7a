using EnergyFacts.Advice;

namespace EnergyFacts.Tests.Advice;

public sealed class TradeOffAdvisorTests
{
    private static readonly IReadOnlyList<MeasuredConfiguration> Grid = RecordedGrid.Configurations;

    [Fact]
    public void Trials_of_one_configuration_are_aggregated_by_median()
    {
        var resnet = Assert.Single(Grid, c => c.Key == RecordedGrid.Key("resnet20", 128));
        Assert.Equal(3, resnet.Trials);
        Assert.Equal(0.902, resnet.Top1);
        Assert.Equal(5600, resnet.EnergyPerRun.Value);
        Assert.Equal(8, Grid.Count);
    }

    [Fact]
    public void The_cheapest_configuration_above_90_percent_is_resnet20_at_batch_128_saving_1300_joules_against_the_most_accurate()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints { MinimumTop1 = 0.90 });

        Assert.Equal(RecordedGrid.Key("resnet20", 128), advice.Choice?.Key);
        var saving = Assert.IsType<EnergySaving>(advice.Saving);
        Assert.Equal(RecordedGrid.Key("resnet20", 64), saving.MostAccurate.Key);
        Assert.Equal(1300, saving.SavedJoules, 9);
        Assert.Equal(1300.0 / 6900 * 100, saving.SavedPercent, 9);
        Assert.Equal(0.003, saving.Top1GivenUp, 9);
        Assert.Equal(6, advice.Excluded.Count);
        Assert.All(advice.Excluded, e => Assert.StartsWith("--min-top1: top-1 0.", Assert.Single(e.Reasons), StringComparison.Ordinal));
    }

    [Fact]
    public void A_latency_limit_moves_the_choice_to_lenet_and_names_the_constraint_that_excluded_the_others()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints { MinimumTop1 = 0.88, MaximumLatency = new MillisecondsPerSample(1.5) });

        Assert.Equal(RecordedGrid.Key("lenet", 128), advice.Choice?.Key);
        Assert.Equal(6900 - 1180, advice.Saving!.SavedJoules, 9);
        var lenet64 = Assert.Single(advice.Excluded, e => e.Configuration.Key == RecordedGrid.Key("lenet", 64));
        Assert.Equal("--max-latency-ms: 1.55 ms/sample > 1.5 ms/sample", Assert.Single(lenet64.Reasons));
        var mlp = Assert.Single(advice.Excluded, e => e.Configuration.Key == RecordedGrid.Key("mlp", 64));
        Assert.Equal("--min-top1: top-1 0.842 < 0.88", Assert.Single(mlp.Reasons));
    }

    [Fact]
    public void The_pareto_set_leaves_out_the_two_dominated_configurations_and_is_sorted_by_energy()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints());

        Assert.True(advice.ParetoUsesLatency);
        Assert.Equal(
            [RecordedGrid.Key("mlp", 128), RecordedGrid.Key("mlp", 64), RecordedGrid.Key("lenet", 128), RecordedGrid.Key("lenet", 64), RecordedGrid.Key("resnet20", 128), RecordedGrid.Key("resnet20", 64)],
            advice.Pareto.Select(c => c.Key));
    }

    [Fact]
    public void Energy_separates_the_lenet_batch_sizes_but_not_the_mlp_ones()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints());

        Assert.Equal(
            [
                (RecordedGrid.Key("lenet", 64), RecordedGrid.Key("lenet", 32), true),
                (RecordedGrid.Key("lenet", 128), RecordedGrid.Key("lenet", 64), true),
                (RecordedGrid.Key("mlp", 128), RecordedGrid.Key("mlp", 64), false),
            ],
            advice.PairsWithinTolerance.Select(p => (p.Cheaper.Key, p.Costlier.Key, p.Separated)));
        Assert.Equal([1900.0 / 1450, 1450.0 / 1180, 410.0 / 390], advice.PairsWithinTolerance.Select(p => p.EnergyRatio), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.True(advice.EnergySeparates);
    }

    [Fact]
    public void Tighter_tolerances_leave_no_pair_and_then_the_question_does_not_arise()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints(), new SeparationTolerances(Top1: 0.0005, LatencyFraction: 0.01));

        Assert.Empty(advice.PairsWithinTolerance);
        Assert.Null(advice.EnergySeparates);
    }

    [Fact]
    public void Cheapest_by_energy_per_sample_prefers_the_shorter_run_when_it_is_cheaper_per_sample()
    {
        // Per run, resnet20 for one epoch (2950 J) beats two epochs (5600 J); per sample it does not (0.295 > 0.28 J/sample).
        var constraints = new AdviceConstraints { MinimumTop1 = 0.87, MaximumLatency = new MillisecondsPerSample(6.5), CheapestBy = EnergyObjective.PerSample };
        var advice = TradeOffAdvisor.Advise(Grid.Where(c => c.Key.Model == "resnet20"), constraints);

        Assert.Equal(RecordedGrid.Key("resnet20", 128), advice.Choice?.Key);
        var perRun = TradeOffAdvisor.Advise(Grid.Where(c => c.Key.Model == "resnet20"), constraints with { CheapestBy = EnergyObjective.PerRun });
        Assert.Equal(RecordedGrid.Key("resnet20", 128, epochs: 1), perRun.Choice?.Key);
    }

    [Fact]
    public void No_configuration_meets_an_impossible_accuracy_and_each_is_excluded_with_its_reason()
    {
        var advice = TradeOffAdvisor.Advise(Grid, new AdviceConstraints { MinimumTop1 = 0.95, MaximumEnergyPerRun = new Joules(1000) });

        Assert.Null(advice.Choice);
        Assert.Null(advice.Saving);
        Assert.Equal(8, advice.Excluded.Count);
        var mlp = Assert.Single(advice.Excluded, e => e.Configuration.Key == RecordedGrid.Key("mlp", 128));
        Assert.Equal(["--min-top1: top-1 0.838 < 0.95"], mlp.Reasons);
        var resnet = Assert.Single(advice.Excluded, e => e.Configuration.Key == RecordedGrid.Key("resnet20", 64));
        Assert.Equal(["--min-top1: top-1 0.905 < 0.95", "--max-joules: 6900 J > 1000 J"], resnet.Reasons);
    }

    [Fact]
    public void A_configuration_without_accuracy_is_set_aside_and_latency_leaves_the_pareto_axes_when_one_lacks_it()
    {
        var noTop1 = new MeasuredConfiguration(RecordedGrid.Key("vit", 64), 1, null, new Joules(100), new MillisecondsPerSample(1), 0.005, "imported");
        var noLatency = new MeasuredConfiguration(RecordedGrid.Key("cnn", 64), 1, 0.85, new Joules(200), null, null, "imported");
        var advice = TradeOffAdvisor.Advise([.. Grid, noTop1, noLatency], new AdviceConstraints { MinimumTop1 = 0.8 });

        var unusable = Assert.Single(advice.Unusable);
        Assert.Equal(noTop1.Key, unusable.Configuration.Key);
        Assert.False(advice.ParetoUsesLatency);
        Assert.Equal(noLatency.Key, advice.Choice?.Key);
        Assert.Contains(advice.Pareto, c => c.Key == noLatency.Key);
    }

    [Theory]
    [InlineData(1.5, null, null)]
    [InlineData(null, -1.0, null)]
    [InlineData(null, null, double.NaN)]
    public void Constraints_out_of_range_are_refused_naming_the_option(double? top1, double? latency, double? perSample)
    {
        var constraints = new AdviceConstraints
        {
            MinimumTop1 = top1,
            MaximumLatency = latency is { } l ? new MillisecondsPerSample(l) : null,
            MaximumJoulesPerSample = perSample,
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TradeOffAdvisor.Advise(Grid, constraints));
        Assert.StartsWith("--", e.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_where_filter_matches_the_column_without_regard_to_case_and_refuses_text_without_an_equals_sign()
    {
        var filter = ColumnFilter.Parse("dataset = Fashion-MNIST");
        Assert.True(filter.Matches(RecordedGrid.Trials[0].Columns));
        Assert.False(ColumnFilter.Parse("dataset=cifar10").Matches(RecordedGrid.Trials[0].Columns));
        Assert.False(ColumnFilter.Parse("device=cpu").Matches(RecordedGrid.Trials[0].Columns));
        Assert.Throws<FormatException>(() => ColumnFilter.Parse("cifar10"));
    }
}

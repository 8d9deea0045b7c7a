using CsCheck;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tests.Metrics;

public sealed class TimeToClosestApcTests
{
    private static TrainingCheckpoint Epoch(int epoch, double seconds, double accuracy, double wattHours) =>
        new(epoch, TimeSpan.FromSeconds(seconds), accuracy, new Joules(wattHours * 3600));

    // APC (α = 0.1, β = 1, Wh): epoch 1 0.5/1.55 = 0.3226, epoch 2 0.8/1.56 = 0.5128, epoch 3 0.9/1.57 = 0.5732.
    private static readonly TrainingCheckpoint[] History = [Epoch(1, 10, 0.5, 1), Epoch(2, 20, 0.8, 2), Epoch(3, 30, 0.9, 3)];

    [Fact]
    public void The_closest_checkpoint_from_below_is_taken_when_none_reaches_the_target()
    {
        var closest = TimeToClosestApc.Ttcapc(History, 0.6, EnergyUnit.WattHour);

        Assert.Equal(3, closest.Checkpoint.Epoch);
        Assert.Equal(TimeSpan.FromSeconds(30), closest.TimeToClosest);
        Assert.Equal(0.9 / 1.57, closest.Score.Value, 15);
        Assert.False(closest.ReachesTarget);
    }

    [Fact]
    public void A_checkpoint_above_the_target_can_be_the_closest()
    {
        // Distances to 0.5: 0.177, 0.0128 (above), 0.0732 (above).
        var closest = TimeToClosestApc.Ttcapc(History, 0.5, EnergyUnit.WattHour);

        Assert.Equal(2, closest.Checkpoint.Epoch);
        Assert.True(closest.ReachesTarget);
        Assert.Equal(0.8 / 1.56 - 0.5, closest.Distance, 15);
    }

    [Fact]
    public void Ties_go_to_the_earliest_checkpoint()
    {
        // Same accuracy and energy (a plateau in both): equally close, the first one reached wins.
        TrainingCheckpoint[] plateau = [Epoch(1, 10, 0.7, 1), Epoch(2, 20, 0.7, 1), Epoch(3, 30, 0.7, 1)];

        var closest = TimeToClosestApc.Ttcapc(plateau, 0.9, EnergyUnit.WattHour);

        Assert.Equal(0, closest.Index);
    }

    [Fact]
    public void Ttcapec_prices_the_cumulative_energy_per_kilowatt_hour()
    {
        // 1000 Wh = 1 kWh at 0.2 EUR/kWh: cost 0.2, WC = 0.2·(0.9·0.2 + 0.1) = 0.056, APEC = 0.8/1.056.
        TrainingCheckpoint[] run = [Epoch(1, 100, 0.8, 1000)];

        var closest = TimeToClosestApc.Ttcapec(run, 0.9, new PricePerKilowattHour(0.2, "EUR"));

        Assert.Equal(0.8 / 1.056, closest.Score.Value, 15);
        Assert.Equal("kWh/run", closest.Score.Consumption.Unit.ToString());
    }

    [Fact]
    public void An_empty_history_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TimeToClosestApc.Ttcapc([], 0.5, EnergyUnit.WattHour));

        Assert.Contains("history is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_whose_energy_goes_back_is_refused_naming_the_checkpoint()
    {
        TrainingCheckpoint[] perEpochEnergy = [Epoch(1, 10, 0.5, 2), Epoch(2, 20, 0.6, 1)];

        var e = Assert.Throws<ArgumentException>(() => TimeToClosestApc.Ttcapc(perEpochEnergy, 0.5, EnergyUnit.WattHour));

        Assert.Contains("Checkpoint 1 (epoch 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("cumulative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_checkpoint_is_closer_to_the_target_than_the_one_chosen() =>
        Gen.Double[0, 1].Array[1, 12].Select(Gen.Double[0, 1]).Sample((accuracies, target) =>
        {
            var history = accuracies.Select((a, k) => Epoch(k + 1, 10 * (k + 1), a, k + 1)).ToArray();
            var closest = TimeToClosestApc.Ttcapc(history, target, EnergyUnit.WattHour);
            var all = history.Select(c => Math.Abs(AccuracyPerConsumption.Apc(Consumption.Of(c.CumulativeEnergy, EnergyUnit.WattHour, "run"), c.Accuracy).Value - target));
            return all.All(d => d >= closest.Distance) && all.Take(closest.Index).All(d => d > closest.Distance);
        });
}

using EnergyFacts.Torch.Training;

namespace EnergyFacts.Torch.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warmup_rises_linearly_to_the_peak_then_cosine_decays_toward_zero()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 0.1, totalSteps: 14, warmupSteps: 4);

        Assert.Equal([0.025, 0.05, 0.075, 0.1], Enumerable.Range(0, 4).Select(s => Math.Round(schedule.At(s), 12)));
        Assert.Equal(0.1, schedule.At(4), 12);
        Assert.Equal(0.05, schedule.At(9), 12); // halfway through the 10 decay steps
        Assert.InRange(schedule.At(13), 0.0001, 0.01);
    }

    [Fact]
    public void Constant_schedule_holds_the_peak_after_warmup()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, 0.01, totalSteps: 10, warmupSteps: 0);

        Assert.All(Enumerable.Range(0, 10), s => Assert.Equal(0.01, schedule.At(s)));
    }

    [Fact]
    public void One_cycle_starts_at_peak_over_25_peaks_at_30_percent_and_ends_far_below()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.OneCycle, 1.0, totalSteps: 100, warmupSteps: 0);

        Assert.Equal(0.04, schedule.At(0), 12);
        Assert.Equal(1.0, schedule.At(30), 12);
        Assert.True(schedule.At(99) < 0.04 / 100);
        Assert.True(schedule.At(20) < schedule.At(29));
        Assert.True(schedule.At(60) > schedule.At(80));
    }
}

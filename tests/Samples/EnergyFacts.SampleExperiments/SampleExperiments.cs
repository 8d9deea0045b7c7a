using EnergyFacts;

namespace SampleExperiments;

public sealed class Training
{
    [EnergyExperiment("resnet18", 64, 2)]
    [EnergyExperiment("mlp", 32, 1, Dataset = "synthetic", Seed = 7)]
    public void Train(ExperimentContext context)
    {
        for (var epoch = 1; epoch <= context.Epochs; epoch++)
        {
            Thread.Sleep(100);
            context.AddSamples(context.Batch * 10);
            context.ReportEpoch(epoch, trainLoss: 1.0 / epoch, evalLoss: 1.2 / epoch, evalTop1: 0.5 + (0.1 * epoch), evalTop5: 0.9, learningRate: 0.1);
        }

        context.UseDevice("cpu");
        context.ReportMetric("mIoU", 0.712);
        context.ReportMetric("error_rate", 3.5, "%", higherIsBetter: false);
    }

    [EnergyExperiment("trials", 8, 1, Trials = 3)]
    public void Repeated() => Thread.Sleep(50);

    [Fact]
    public void PlainFact() => Assert.Equal(2, 1 + 1);
}

public sealed class Budgets
{
    [EnergyExperiment("sleepy", 1, 1)]
    [EnergyBudget(MaxKilowattHours = 1e-9)]
    public void OverBudget() => Thread.Sleep(200);

    [EnergyExperiment("sleepy", 2, 1)]
    [EnergyBudget(MaxKilowattHours = 1)]
    public void WithinBudget() => Thread.Sleep(200);

    [EnergyExperiment("sleepy", 3, 1)]
    [EnergyBudget(MaxKilowattHours = -1)]
    public void NegativeBudget() => Thread.Sleep(10);
}

public sealed class Faults
{
    [EnergyExperiment("thrower", 1, 1)]
    public void Throws()
    {
        Thread.Sleep(100);
        throw new InvalidOperationException("boom");
    }

    [EnergyExperiment("", 0, -1, Trials = 0)]
    public void BadDefinition() { }

    [EnergyExperiment("badsig", 1, 1)]
    public void BadSignature(int notAContext) => Assert.True(notAContext >= 0);
}

public sealed class Phases
{
    [EnergyExperiment("phased", 1, 1)]
    public void PhaseWithinLimit(ExperimentContext context)
    {
        EnergyPhase phase;
        using (phase = context.BeginPhase("evaluation"))
        {
            Thread.Sleep(100);
        }

        context.Log(FormattableString.Invariant($"[phase] {phase.Name} {phase.Energy.Value:F3} J over {phase.Duration.TotalSeconds:F3} s"));
        EnergyAssert.AtMost(phase, new Joules(1_000));
    }

    [EnergyExperiment("phased", 2, 1)]
    public void PhaseOverLimit(ExperimentContext context)
    {
        using var phase = context.BeginPhase("training");
        Thread.Sleep(100);
        phase.Dispose();
        EnergyAssert.AtMost(phase, new Joules(1));
    }
}

public static class BodyWindow
{
    // Logs when the body ran, in UTC ticks, so a test can check that no two experiment bodies overlapped.
    public static void SleepAndLog(int milliseconds)
    {
        var start = DateTime.UtcNow.Ticks;
        Thread.Sleep(milliseconds);
        ExperimentContext.Current!.Log(FormattableString.Invariant($"[body] {start} {DateTime.UtcNow.Ticks}"));
    }
}

public sealed class IsolationA
{
    [EnergyExperiment("isolation-a", 1, 1)]
    [EnergyExperiment("isolation-a", 2, 1)]
    public void Run() => BodyWindow.SleepAndLog(100);
}

public sealed class IsolationB
{
    [EnergyExperiment("isolation-b", 1, 1)]
    [EnergyExperiment("isolation-b", 2, 1)]
    public void Run() => BodyWindow.SleepAndLog(100);

    [Fact]
    public void PlainFactRunsAlongside() => Thread.Sleep(100);
}

public sealed class Endless
{
    // Stops only when the run is cancelled or times out: its row must say cancelled or timed_out, never passed.
    [EnergyExperiment("endless", 1, 1)]
    public void RunsUntilCancelled(ExperimentContext context)
    {
        while (!context.CancellationToken.IsCancellationRequested)
        {
            Thread.Sleep(20);
        }
    }

    // Ignores cancellation altogether: the framework must still write its row, release the machine lock and exit.
    [EnergyExperiment("endless", 2, 1)]
    public void NeverReturns() => Thread.Sleep(Timeout.Infinite);
}

public sealed class WarmedUp
{
    // Two unmeasured warm-up runs, then two measured trials: only the trials get rows.
    [EnergyExperiment("warm", 1, 1, Trials = 2, Warmup = 2)]
    public void Warm(ExperimentContext context)
    {
        context.AddSamples(10);
        Thread.Sleep(50);
    }
}

public sealed class Forecasts
{
    // Ten epochs of ~0.1 s at the probe's power against a budget for about two of them: the forecast stops it early.
    [EnergyExperiment("forecast", 1, 10)]
    [EnergyBudget(MaxKilowattHours = 6e-6)]
    public void TooCostly(ExperimentContext context)
    {
        for (var epoch = 1; epoch <= context.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(100);
            context.ReportEpoch(epoch, trainLoss: 1.0 / epoch);
        }
    }
}

public sealed class BaselineForecasts
{
    // Ten epochs of SAMPLE_EPOCH_MS milliseconds each (default 20) at the probe's power, no budget: against a baseline
    // of short epochs, long ones are forecast far above it and stopped.
    [EnergyExperiment("forecast-baseline", 1, 10)]
    public void Epochs(ExperimentContext context)
    {
        var milliseconds = int.Parse(Environment.GetEnvironmentVariable("SAMPLE_EPOCH_MS") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        for (var epoch = 1; epoch <= context.Epochs; epoch++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(milliseconds);
            context.ReportEpoch(epoch, trainLoss: 1.0 / epoch);
        }
    }
}

public sealed class Pinpoint
{
    // Five trials reporting a score per trial from SAMPLE_SCORES (comma list, trial 1 first; the last value repeats for
    // later trials): a gate on metric:score gets exactly these values, so its verdicts and the extra trials it asks for
    // are deterministic.
    [EnergyExperiment("pinpoint", 1, 1, Trials = 5)]
    public void Scored(ExperimentContext context)
    {
        var scores = (Environment.GetEnvironmentVariable("SAMPLE_SCORES") ?? "1").Split(',');
        var score = double.Parse(scores[Math.Min(context.Trial, scores.Length) - 1], System.Globalization.CultureInfo.InvariantCulture);
        context.ReportEpoch(1, trainLoss: 1);
        context.ReportMetric("score", score);
        context.Log($"trial {context.Trial} scored {score}");
    }
}

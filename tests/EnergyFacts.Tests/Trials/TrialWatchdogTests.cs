using EnergyFacts.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

public sealed class TrialWatchdogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_time_limit_fires_the_token_and_a_body_that_ignores_it_is_given_up_on_once()
    {
        var calls = new List<(ExperimentStatus Status, string Reason)>();
        using var gaveUp = new ManualResetEventSlim();
        using var watchdog = new TrialWatchdog(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), (s, r) => { lock (calls) { calls.Add((s, r)); } gaveUp.Set(); }, CancellationToken.None);

        Assert.True(watchdog.Token.WaitHandle.WaitOne(Patience));
        Assert.True(gaveUp.Wait(Patience, TestContext.Current.CancellationToken));
        Thread.Sleep(200);

        var call = Assert.Single(calls);
        Assert.Equal(ExperimentStatus.TimedOut, call.Status);
        Assert.Equal(ExperimentStatus.TimedOut, watchdog.Ending);
        Assert.Contains("time limit of 0.05 s (trial-timeout)", call.Reason, StringComparison.Ordinal);
        Assert.Contains("within 0.05 s (cancel-grace)", call.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_returns_within_the_grace_period_is_never_given_up_on()
    {
        var calls = 0;
        using var run = new CancellationTokenSource();
        var watchdog = new TrialWatchdog(TimeSpan.Zero, TimeSpan.FromMilliseconds(300), (_, _) => Interlocked.Increment(ref calls), run.Token);

        run.Cancel();
        Assert.True(watchdog.Token.IsCancellationRequested);
        Assert.Equal(ExperimentStatus.Cancelled, watchdog.Ending);
        watchdog.Dispose(); // the body returned
        Thread.Sleep(600);

        Assert.Equal(0, Volatile.Read(ref calls));
        Assert.True(watchdog.Token.IsCancellationRequested); // the token stays readable after the trial
    }

    [Fact]
    public void Without_a_limit_or_a_cancellation_nothing_fires()
    {
        var calls = 0;
        using var watchdog = new TrialWatchdog(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), (_, _) => Interlocked.Increment(ref calls), CancellationToken.None);

        Thread.Sleep(200);

        Assert.False(watchdog.Token.IsCancellationRequested);
        Assert.Null(watchdog.Ending);
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public void A_run_cancelled_after_the_limit_keeps_the_first_ending()
    {
        using var run = new CancellationTokenSource();
        using var fired = new ManualResetEventSlim();
        using var watchdog = new TrialWatchdog(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30), (_, _) => { }, run.Token);

        Assert.True(watchdog.Token.WaitHandle.WaitOne(Patience));
        run.Cancel();

        Assert.Equal(ExperimentStatus.TimedOut, watchdog.Ending);
    }
}

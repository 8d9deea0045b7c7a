using System.Globalization;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// Watches one running trial for the two endings its body may not cooperate with: the run being cancelled (Ctrl+C,
/// <c>--timeout</c>) and the trial's own time limit. Either fires the trial's token; if the body has not returned
/// within the grace period after that, the watchdog gives up on it exactly once, so the trial's row is still written
/// and the machine-wide lock released even for a body that never returns.
/// </summary>
internal sealed class TrialWatchdog : IDisposable
{
    private readonly CancellationTokenSource trialCancellation;
    private readonly CancellationTokenRegistration runRegistration;
    private readonly TimeSpan grace;
    private readonly Action<ExperimentStatus, string> giveUp;
    private readonly Timer? limitTimer;
    private readonly Lock gate = new();
    private Timer? graceTimer;
    private ExperimentStatus? ending;
    private string? endingReason;
    private bool disposed;
    private bool gaveUp;

    /// <param name="limit">The trial's time limit; <see cref="TimeSpan.Zero"/> for none.</param>
    /// <param name="grace">How long the body may take to return after its token fired.</param>
    /// <param name="giveUp">Called at most once, on a timer thread, when the body did not return in time: the status and why.</param>
    /// <param name="runCancellation">The run's token (the test session's): cancelled on Ctrl+C or <c>--timeout</c>.</param>
    public TrialWatchdog(TimeSpan limit, TimeSpan grace, Action<ExperimentStatus, string> giveUp, CancellationToken runCancellation)
    {
        ArgumentNullException.ThrowIfNull(giveUp);
        this.grace = grace;
        this.giveUp = giveUp;
        Limit = limit;
        trialCancellation = CancellationTokenSource.CreateLinkedTokenSource(runCancellation);
        Token = trialCancellation.Token;
        runRegistration = runCancellation.Register(() => Fire(ExperimentStatus.Cancelled));
        if (limit > TimeSpan.Zero)
        {
            limitTimer = new Timer(_ => Fire(ExperimentStatus.TimedOut), null, limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The body's token: fires when the run is cancelled or the trial's limit is reached.</summary>
    public CancellationToken Token { get; }

    /// <summary>The trial's time limit; <see cref="TimeSpan.Zero"/> for none.</summary>
    public TimeSpan Limit { get; }

    /// <summary>How the trial is ending when its token fired: cancelled or timed out; <see langword="null"/> while it runs normally.</summary>
    public ExperimentStatus? Ending
    {
        get
        {
            lock (gate)
            {
                return ending;
            }
        }
    }

    /// <summary>
    /// Ends the trial early for a reason of the framework's own (e.g. a forecast over budget): fires the token as a
    /// limit would, with <paramref name="status"/> and <paramref name="reason"/>; the first ending wins.
    /// </summary>
    public void Abort(ExperimentStatus status, string reason) => Fire(status, reason);

    /// <summary>Why <see cref="Abort"/> ended the trial, if it did.</summary>
    public string? EndingReason
    {
        get
        {
            lock (gate)
            {
                return endingReason;
            }
        }
    }

    /// <summary>Stops watching: the body returned (call before finishing the trial normally).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            graceTimer?.Dispose();
        }

        limitTimer?.Dispose();
        runRegistration.Dispose();
        trialCancellation.Dispose();
    }

    private void Fire(ExperimentStatus status, string? reason = null)
    {
        lock (gate)
        {
            if (disposed || gaveUp || ending is not null)
            {
                return;
            }

            ending = status;
            endingReason = reason;
            graceTimer = new Timer(_ => GiveUp(), null, grace, Timeout.InfiniteTimeSpan);
        }

        try
        {
            trialCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The body returned between the check and the cancel: nothing left to stop.
        }
    }

    private void GiveUp()
    {
        ExperimentStatus status;
        lock (gate)
        {
            if (disposed || gaveUp)
            {
                return;
            }

            gaveUp = true;
            status = ending!.Value;
        }

        var cause = status == ExperimentStatus.TimedOut
            ? string.Create(CultureInfo.InvariantCulture, $"the trial reached its time limit of {Limit.TotalSeconds:R} s (trial-timeout)")
            : EndingReason is { } reason ? "it was stopped: " + reason
            : "the run was cancelled (Ctrl+C or --timeout)";
        giveUp(status, string.Create(
            CultureInfo.InvariantCulture,
            $"The experiment did not return within {grace.TotalSeconds:R} s (cancel-grace) after {cause}; its row holds what was measured until then."));
    }
}

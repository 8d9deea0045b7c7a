namespace EnergyFacts.Interprocess;

/// <summary>How a <see cref="CrossProcessLock"/> waits, and what it does when its file cannot be opened at all.</summary>
/// <param name="WaitTimeout">How long <see cref="CrossProcessLock.Enter"/> waits for the current holder before it throws.</param>
/// <param name="PollInterval">The longest pause between tries at a file held by another process; tries start 1 ms apart and double up to it.</param>
/// <param name="DegradeWhenUnopenable">
/// <see langword="true"/>: a lock file that cannot be opened (another user's, on a read-only file system) leaves
/// exclusion within this process only, and the caller is told; <see langword="false"/>: the file system's error is
/// thrown at once.
/// </param>
/// <param name="TimeoutRemedy">The sentence a timeout ends with: what the user can do, e.g. which setting to raise.</param>
internal sealed record CrossProcessLockPolicy(TimeSpan WaitTimeout, TimeSpan PollInterval, bool DegradeWhenUnopenable, string TimeoutRemedy)
{
    /// <summary>The policy, checked: a negative timeout or a non-positive poll interval is a programming error.</summary>
    public CrossProcessLockPolicy Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WaitTimeout, TimeSpan.Zero, nameof(WaitTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        return this;
    }
}

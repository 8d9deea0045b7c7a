using System.Diagnostics;
using System.Globalization;

namespace EnergyFacts.Interprocess;

/// <summary>
/// Exclusion across the threads of this process (a semaphore) and across processes (the lock file held open with
/// <see cref="FileShare.None"/>: an advisory <c>flock</c> on Unix, a share lock on Windows). The operating system
/// drops the file lock when its holder dies, so a killed process never leaves it held. The lock file stays in place
/// (deleting it on release would let two processes lock different files under one name); the holder's
/// <see cref="LockOwner"/> sidecar is written after the lock is taken and removed before it is released.
/// </summary>
/// <remarks>
/// Not re-entrant: a flow that holds the lock (or a task it started while holding it) cannot enter again; it gets an
/// <see cref="InvalidOperationException"/> at once instead of waiting for itself. Other flows of the process wait.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore owns no handle (AvailableWaitHandle is never used); a lock lives as long as what it guards.")]
internal sealed class CrossProcessLock
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(1);
    private readonly SemaphoreSlim inProcess = new(1, 1);
    private readonly AsyncLocal<Pass?> heldByThisFlow = new();
    private volatile LockOwner? owner;

    public CrossProcessLock(string lockPath, CrossProcessLockPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        ArgumentNullException.ThrowIfNull(policy);
        LockPath = Path.GetFullPath(lockPath);
        OwnerPath = LockOwner.SidecarOf(LockPath);
        Policy = policy.Validated();
    }

    /// <summary>The lock file (full path).</summary>
    public string LockPath { get; }

    /// <summary>The holder's sidecar, <c>&lt;lock&gt;.owner</c>.</summary>
    public string OwnerPath { get; }

    public CrossProcessLockPolicy Policy { get; }

    /// <summary>
    /// Waits for the lock; dispose the result to leave. While it waits it tells <paramref name="onWait"/> once who
    /// holds the lock; when the policy lets an unopenable lock file degrade, it tells it that too.
    /// </summary>
    /// <param name="holderDescription">Who enters, for the sidecar and for waiters' messages (e.g. the test case name).</param>
    /// <param name="onWait">Told, at most once per wait, what the wait is about; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="InvalidOperationException">This flow already holds the lock.</exception>
    /// <exception cref="CrossProcessLockTimeoutException">The lock was not obtained within <see cref="CrossProcessLockPolicy.WaitTimeout"/>.</exception>
    /// <exception cref="IOException">The lock file cannot be opened and the policy does not degrade (<see cref="UnauthorizedAccessException"/> too).</exception>
    public IDisposable Enter(string holderDescription, Action<string>? onWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holderDescription);
        if (heldByThisFlow.Value is { IsHeld: true } held)
        {
            throw new InvalidOperationException(
                $"'{LockPath}' is already held by this caller ({held.Owner}); it is not re-entrant: leave it before entering it again.");
        }

        var clock = Stopwatch.StartNew();
        var wait = new WaitReport(onWait);
        if (!inProcess.Wait(0, cancellationToken))
        {
            wait.Tell(this, owner);
            if (!inProcess.Wait(Remaining(clock), cancellationToken))
            {
                throw TimedOut(owner);
            }
        }

        try
        {
            var file = OpenFile(clock, wait, cancellationToken);
            var me = LockOwner.OfThisProcess(holderDescription);
            if (file is not null)
            {
                me.TryWrite(OwnerPath);
            }

            owner = me;
            var pass = new Pass(this, file, me);
            heldByThisFlow.Value = pass;
            return pass;
        }
        catch
        {
            inProcess.Release();
            throw;
        }
    }

    /// <summary>The holder as a waiter sees it: the sidecar if it names a running process, else "another process".</summary>
    internal string DescribeHolder(LockOwner? known)
    {
        var recorded = known ?? LockOwner.TryRead(OwnerPath);
        return recorded switch
        {
            null => "another process (it left no owner record)",
            { } r when !r.IsRunning() => string.Create(CultureInfo.InvariantCulture, $"another process (the owner record '{OwnerPath}' names pid {r.ProcessId}, which has exited: it is stale)"),
            { } r => r.ToString(),
        };
    }

    private FileStream? OpenFile(Stopwatch clock, WaitReport wait, CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (LockFileRefusal.IsHeldByAnother(e))
            {
                wait.Tell(this, null);
                var remaining = Remaining(clock);
                if (remaining <= TimeSpan.Zero)
                {
                    throw TimedOut(null);
                }

                // A little jitter keeps processes that collided from retrying in lockstep.
                var sleep = TimeSpan.FromTicks(Math.Min(pause.Ticks, remaining.Ticks)) + TimeSpan.FromMilliseconds(Random.Shared.NextDouble());
                cancellationToken.WaitHandle.WaitOne(sleep);
                cancellationToken.ThrowIfCancellationRequested();
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, Policy.PollInterval.Ticks));
            }
            catch (Exception e) when (Policy.DegradeWhenUnopenable && e is IOException or UnauthorizedAccessException)
            {
                wait.TellDegraded($"cannot open lock file '{LockPath}' ({LockFileRefusal.Cause(e)}): excluding within this process only");
                return null;
            }
        }
    }

    private TimeSpan Remaining(Stopwatch clock) =>
        Policy.WaitTimeout - clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    private CrossProcessLockTimeoutException TimedOut(LockOwner? known)
    {
        var holder = DescribeHolder(known);
        return new(
            string.Create(CultureInfo.InvariantCulture, $"Timed out after {Policy.WaitTimeout.TotalSeconds:0.###} s waiting for '{LockPath}', held by {holder}. {Policy.TimeoutRemedy}"),
            LockPath,
            holder);
    }

    /// <summary>Says once per wait who is waited for.</summary>
    private sealed class WaitReport(Action<string>? onWait)
    {
        private bool told;

        public void Tell(CrossProcessLock waitedFor, LockOwner? known)
        {
            if (!told && onWait is not null)
            {
                told = true;
                onWait($"waiting for {waitedFor.LockPath} held by {waitedFor.DescribeHolder(known)}");
            }
        }

        public void TellDegraded(string message) => onWait?.Invoke(message);
    }

    /// <summary>The held lock; disposing it removes the sidecar, then releases the file and the semaphore, once.</summary>
    private sealed class Pass(CrossProcessLock held, FileStream? file, LockOwner owner) : IDisposable
    {
        private int released;

        public LockOwner Owner => owner;

        public bool IsHeld => Volatile.Read(ref released) == 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            held.owner = null;
            if (file is not null)
            {
                // Removed while still holding the file, so it can only be this holder's record.
                LockOwner.TryDelete(held.OwnerPath);
                file.Dispose();
            }

            held.inProcess.Release();
        }
    }
}

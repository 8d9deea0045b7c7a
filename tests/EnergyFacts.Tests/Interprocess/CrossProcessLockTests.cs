using System.Diagnostics;
using System.Globalization;
using EnergyFacts.Interprocess;
using EnergyFacts.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Interprocess;

/// <summary>
/// The cross-process lock, each test on its own lock file in its own temp folder. "Another process" is either a
/// second lock object on the same file (the operating system's lock conflicts between two open handles of one process
/// as between processes) or a real child: this test executable re-launched with a filter selecting
/// <see cref="The_owner_record_names_the_holder_while_held_and_is_removed_on_release"/> and an environment variable
/// naming the lock file it must hold until it is killed.
/// </summary>
public sealed class CrossProcessLockTests : IDisposable
{
    private const string HeldLockVariable = "ENERGYFACTS_TEST_HELD_LOCK";
    private const string ChildDescription = "Train [mlp | batch=8 | epochs=1] trial 1";
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-lock-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string LockPath => Path.Combine(folder, "experiments.lock");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static CrossProcessLockPolicy Policy(int timeoutMilliseconds) =>
        new(TimeSpan.FromMilliseconds(timeoutMilliseconds), TimeSpan.FromMilliseconds(10), DegradeWhenUnopenable: false, "Raise --energy-lock-timeout.");

    [Fact]
    public void Entering_again_while_holding_throws_at_once_instead_of_waiting_for_itself()
    {
        var gate = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 10_000));
        using (gate.Enter("first", null, Cancel))
        {
            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<InvalidOperationException>(() => gate.Enter("second", null, Cancel));

            // Far below the 10 s it would have waited had it blocked.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Re-entry took {clock.Elapsed}.");
            Assert.Contains("not re-entrant", error.Message, StringComparison.Ordinal);
            Assert.Contains("(first)", error.Message, StringComparison.Ordinal);
        }

        // Left: the same caller enters again.
        using (gate.Enter("again", null, Cancel))
        {
            Assert.Equal("again", LockOwner.TryRead(gate.OwnerPath)?.Description);
        }
    }

    [Fact]
    public void A_waiter_is_told_once_who_holds_the_lock_and_times_out_naming_holder_file_and_setting()
    {
        var holder = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 10_000));
        var waiter = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 300));
        using var held = holder.Enter(ChildDescription, null, Cancel);
        var told = new List<string>();

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<CrossProcessLockTimeoutException>(() => waiter.Enter("waiter", told.Add, Cancel));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(3));
        var line = Assert.Single(told);
        var prefix = $"waiting for {holder.LockPath} held by pid {Environment.ProcessId} ({ChildDescription}) since ";
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        var since = DateTimeOffset.ParseExact(line[prefix.Length..], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(DateTimeOffset.UtcNow - since, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Contains("Timed out after 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(holder.LockPath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId} ({ChildDescription})", error.Message, StringComparison.Ordinal);
        Assert.Contains("--energy-lock-timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(holder.LockPath, error.LockPath);
    }

    [Fact]
    public async Task Another_flow_of_the_process_waits_for_the_holder_rather_than_throwing()
    {
        var gate = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 300));
        using var entered = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var holding = Task.Run(
            () =>
            {
                using (gate.Enter("holding flow", null, Cancel))
                {
                    entered.Set();
                    leave.Wait(TimeSpan.FromSeconds(30), Cancel);
                }
            },
            Cancel);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30), Cancel));
        var told = new List<string>();

        var error = Assert.Throws<CrossProcessLockTimeoutException>(() => gate.Enter("waiting flow", told.Add, Cancel));
        leave.Set();
        await holding;

        Assert.Contains("(holding flow)", Assert.Single(told), StringComparison.Ordinal);
        Assert.Contains("(holding flow)", error.Message, StringComparison.Ordinal);
        using (gate.Enter("after", null, Cancel))
        {
        }
    }

    /// <summary>
    /// Normally: the sidecar names this process and its description while held, and is removed on release. As the
    /// child of <see cref="A_killed_holder_is_taken_over_and_its_stale_owner_record_misleads_no_one"/>: holds the lock
    /// it is given until killed (60 s at most).
    /// </summary>
    [Fact]
    public void The_owner_record_names_the_holder_while_held_and_is_removed_on_release()
    {
        if (Environment.GetEnvironmentVariable(HeldLockVariable) is { } lockToHold)
        {
            using var _ = new CrossProcessLock(lockToHold, Policy(timeoutMilliseconds: 10_000)).Enter(ChildDescription, null, Cancel);
            Cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
            return;
        }

        var gate = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 1_000));
        using (gate.Enter("line one\nline two", null, Cancel))
        {
            var owner = LockOwner.TryRead(gate.OwnerPath);
            Assert.NotNull(owner);
            Assert.Equal(Environment.ProcessId, owner.ProcessId);
            Assert.Equal("line one line two", owner.Description);
            Assert.Contains("pid=" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(gate.OwnerPath), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(gate.OwnerPath));
        Assert.True(File.Exists(gate.LockPath), "The lock file stays, so that every process locks the same file.");
    }

    [Fact]
    public async Task A_killed_holder_is_taken_over_and_its_stale_owner_record_misleads_no_one()
    {
        var ownerPath = LockOwner.SidecarOf(LockPath);
        var (child, output) = StartHolder(LockPath);
        using (child)
        {
            try
            {
                var startup = Stopwatch.StartNew();
                while (LockOwner.TryRead(ownerPath)?.ProcessId != child.Id)
                {
                    Assert.False(child.HasExited, $"The holder exited with {(child.HasExited ? child.ExitCode : 0)} before taking the lock:\n{output}");
                    Assert.True(startup.Elapsed < TimeSpan.FromSeconds(60), $"The holder did not take the lock within 60 s:\n{output}");
                    await Task.Delay(50, Cancel);
                }

                // Held by the child, across processes.
                var blocked = Assert.Throws<CrossProcessLockTimeoutException>(
                    () => new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 300)).Enter("waiter", null, Cancel));
                Assert.Contains($"pid {child.Id} ({ChildDescription})", blocked.Message, StringComparison.Ordinal);
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(Cancel);
            }

            // A killed process cannot remove its record: it stays, stale.
            Assert.Equal(child.Id, LockOwner.TryRead(ownerPath)?.ProcessId);

            // Someone holding the file without a record (as between taking the lock and writing it) is not the dead pid.
            using (new FileStream(LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var told = new List<string>();
                var unknown = Assert.Throws<CrossProcessLockTimeoutException>(
                    () => new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 300)).Enter("waiter", told.Add, Cancel));
                Assert.DoesNotContain($"held by pid {child.Id}", unknown.Message, StringComparison.Ordinal);
                Assert.Contains($"names pid {child.Id}, which has exited", unknown.Message, StringComparison.Ordinal);
                Assert.Contains("which has exited", Assert.Single(told), StringComparison.Ordinal);
            }

            // The operating system released the dead holder's lock: it is taken at once, and the record is ours.
            var clock = Stopwatch.StartNew();
            var taker = new CrossProcessLock(LockPath, Policy(timeoutMilliseconds: 5_000));
            using (taker.Enter("taker", null, Cancel))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Taking over took {clock.Elapsed}.");
                Assert.Equal(Environment.ProcessId, LockOwner.TryRead(ownerPath)?.ProcessId);
                Assert.Equal("taker", LockOwner.TryRead(ownerPath)?.Description);
            }
        }
    }

    [Fact]
    public void A_results_folder_that_refuses_its_lock_file_fails_at_once_naming_the_cause_and_the_remedy()
    {
        // This machine runs tests as root, and root ignores file modes: chmod cannot make a folder unwritable. sysfs
        // refuses to create files in its folders even for root (EACCES), which is what a permission-denied folder
        // gives any other user; .NET reports both as UnauthorizedAccessException.
        const string refusing = "/sys/kernel";
        Assert.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists(refusing), "Needs Linux sysfs.");

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ResultsFolderException>(() => ResultsFolderLock.Acquire(refusing, TimeSpan.FromSeconds(30)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Failing took {clock.Elapsed}, as if waiting for another writer.");
        Assert.Contains($"The results folder '{refusing}' cannot be written: permission denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("Choose a writable results folder (--energy-results", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Another process", error.Message, StringComparison.Ordinal);
        Assert.Equal(refusing, error.Folder);
    }

    [Fact]
    public void A_read_only_file_system_is_named_as_such_and_not_taken_for_another_holder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "errno values are Unix's.");

        // What .NET throws on Unix when open(2) fails with EROFS (30): a plain IOException carrying the errno.
        var readOnly = new IOException("Read-only file system : '/mnt/ro/.energyfacts.lock'", 30);

        Assert.False(LockFileRefusal.IsHeldByAnother(readOnly));
        Assert.Contains("cannot be written: read-only file system", ResultsFolderLock.Unwritable("/mnt/ro", readOnly).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_experiment_gate_on_an_unopenable_lock_file_excludes_within_the_process_and_says_so()
    {
        const string refusing = "/sys/kernel";
        Assert.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists(refusing), "Needs Linux sysfs (see the results folder test).");
        var gate = new ExperimentGate(Path.Combine(refusing, "energyfacts-experiments.lock"), TimeSpan.FromMilliseconds(300));
        var told = new List<string>();

        using (gate.Enter("case A", told.Add, Cancel))
        {
            Assert.Contains("permission denied", Assert.Single(told), StringComparison.Ordinal);
            Assert.Contains("within this process only", told[0], StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => gate.Enter("case A again", told.Add, Cancel));
        }
    }

    private static (Process Child, System.Text.StringBuilder Output) StartHolder(string lockPath) =>
        EndToEnd.TestHostChild.Start(
            typeof(CrossProcessLockTests),
            nameof(The_owner_record_names_the_holder_while_held_and_is_removed_on_release),
            new Dictionary<string, string> { [HeldLockVariable] = lockPath });
}

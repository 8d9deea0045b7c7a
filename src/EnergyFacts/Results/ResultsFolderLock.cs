using System.Collections.Concurrent;
using System.Globalization;
using EnergyFacts.Interprocess;

namespace EnergyFacts.Results;

/// <summary>
/// Exclusive access to a results folder, across threads and processes: a <see cref="CrossProcessLock"/> on the
/// <c>.energyfacts.lock</c> file inside it. A holder keeps it for one row (a few milliseconds), so waiters retry
/// every few milliseconds; a folder that refuses the lock file (permission denied, read-only file system) fails at
/// once, since waiting cannot cure it.
/// </summary>
internal sealed class ResultsFolderLock : IDisposable
{
    /// <summary>Name of the lock file inside the folder.</summary>
    public const string FileName = ".energyfacts.lock";

    /// <summary>The longest pause between tries at a folder another process writes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(8);

    private const string Remedy = "Another process is writing results there and has not finished; wait for it, or give this run its own results folder.";

    // One lock object per lock file and timeout, so that threads of one process queue on its semaphore, not the file.
    private static readonly ConcurrentDictionary<(string LockPath, TimeSpan Timeout), CrossProcessLock> Locks = new();

    private readonly IDisposable pass;

    private ResultsFolderLock(IDisposable pass) => this.pass = pass;

    /// <summary>The results folder's policy: wait <paramref name="timeout"/>, retry every few ms, never degrade.</summary>
    public static CrossProcessLockPolicy PolicyFor(TimeSpan timeout) => new(timeout, PollInterval, DegradeWhenUnopenable: false, Remedy);

    /// <summary>Waits for the lock on <paramref name="folder"/>, creating the folder if needed.</summary>
    /// <exception cref="ResultsFolderException">The folder is not writable (at once), or the lock was not obtained within <paramref name="timeout"/>.</exception>
    public static ResultsFolderLock Acquire(string folder, TimeSpan timeout)
    {
        var full = Path.GetFullPath(folder);
        EnsureFolder(full);
        var lockPath = Path.Combine(full, FileName);
        var folderLock = Locks.GetOrAdd((lockPath, timeout), key => new CrossProcessLock(key.LockPath, PolicyFor(key.Timeout)));
        try
        {
            return new ResultsFolderLock(folderLock.Enter("writing results", onWait: null, CancellationToken.None));
        }
        catch (CrossProcessLockTimeoutException e)
        {
            throw new ResultsFolderException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the lock on results folder '{full}' ('{lockPath}'), held by {e.Holder}. ") + Remedy,
                full,
                e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unwritable(full, e);
        }
    }

    /// <summary>Creates the folder if needed and checks that its lock file can be created.</summary>
    /// <exception cref="ResultsFolderException">It cannot.</exception>
    public static void EnsureWritable(string folder, TimeSpan timeout)
    {
        using var _ = Acquire(folder, timeout);
    }

    /// <inheritdoc/>
    public void Dispose() => pass.Dispose();

    /// <summary>The error for a folder that cannot be written, naming the cause (permission denied, read-only file system) and the remedy.</summary>
    internal static ResultsFolderException Unwritable(string folder, Exception cause) =>
        new(
            $"The results folder '{folder}' cannot be written: {LockFileRefusal.Cause(cause)} ({cause.Message.TrimEnd('.')}). " +
            "Choose a writable results folder (--energy-results or ENERGYFACTS_RESULTS_DIR), or make this one writable.",
            folder,
            cause);

    private static void EnsureFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or NotSupportedException)
        {
            throw Unwritable(folder, e);
        }
    }
}

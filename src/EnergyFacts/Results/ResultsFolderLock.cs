using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace EnergyFacts.Results;

/// <summary>
/// Exclusive access to a results folder, across threads and processes: a <c>.energyfacts.lock</c> file held open with
/// <see cref="FileShare.None"/> (an advisory <c>flock</c> on Unix, a share lock on Windows). The operating system
/// drops the lock when its holder dies, so a killed test process never leaves the folder locked.
/// </summary>
internal sealed class ResultsFolderLock : IDisposable
{
    /// <summary>Name of the lock file inside the folder.</summary>
    public const string FileName = ".energyfacts.lock";

    // A holder keeps the lock for a few milliseconds (one row, one fsync): waiting longer than that between tries
    // only leaves the folder idle while writers sleep.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(8);

    // Threads of one process queue here first instead of spinning on the file.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;
    private readonly FileStream handle;

    private ResultsFolderLock(SemaphoreSlim gate, FileStream handle)
    {
        this.gate = gate;
        this.handle = handle;
    }

    /// <summary>Waits for the lock on <paramref name="folder"/>, creating the folder if needed.</summary>
    /// <exception cref="ResultsFolderException">The folder is not writable, or the lock was not obtained within <paramref name="timeout"/>.</exception>
    public static ResultsFolderLock Acquire(string folder, TimeSpan timeout)
    {
        var full = Path.GetFullPath(folder);
        EnsureFolder(full);
        var lockPath = Path.Combine(full, FileName);
        var gate = InProcess.GetOrAdd(lockPath, _ => new SemaphoreSlim(1, 1));
        var clock = Stopwatch.StartNew();
        if (!gate.Wait(timeout))
        {
            throw TimedOut(full, lockPath, timeout, "other threads of this process were writing");
        }

        try
        {
            var delay = TimeSpan.FromMilliseconds(1);
            while (true)
            {
                try
                {
                    var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                    return new ResultsFolderLock(gate, handle);
                }
                catch (IOException e) when (e.GetType() == typeof(IOException))
                {
                    // Held by another process (EWOULDBLOCK / sharing violation): back off and retry until the deadline.
                    if (clock.Elapsed >= timeout)
                    {
                        throw TimedOut(full, lockPath, timeout, e.Message);
                    }

                    Thread.Sleep(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3)));
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    throw Unwritable(full, e);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Creates the folder if needed and checks that its lock file can be created.</summary>
    /// <exception cref="ResultsFolderException">It cannot.</exception>
    public static void EnsureWritable(string folder, TimeSpan timeout)
    {
        using var _ = Acquire(folder, timeout);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        handle.Dispose();
        gate.Release();
    }

    internal static ResultsFolderException Unwritable(string folder, Exception cause) =>
        new(
            $"The results folder '{folder}' cannot be written: {cause.Message} " +
            "Choose a writable results folder (ENERGYFACTS_RESULTS_DIR or --energy-results) or fix its permissions.",
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

    private static ResultsFolderException TimedOut(string folder, string lockPath, TimeSpan timeout, string detail) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the lock on results folder '{folder}' ('{lockPath}'): {detail}. ") +
            "Another process is writing results there and has not finished; wait for it, or give this run its own results folder.",
            folder,
            null);
}

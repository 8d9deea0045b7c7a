using System.Diagnostics;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Measurement;

/// <summary>
/// One probe's own reader thread: the sampler asks for a read, then waits for the answer only until a deadline, so a
/// probe that hangs (an NFS-backed file, a wedged GPU driver) costs its own readings and never the other probes' or the
/// experiment's time. A read still running at the next tick is not asked again; its late answer is discarded.
/// </summary>
/// <remarks>
/// Only the sampler thread calls <see cref="BeginRead"/>, <see cref="TryEndRead"/> and <see cref="BeginStart"/>; the
/// probe itself is called only from this reader's thread, so the probe contract's one-thread rule still holds.
/// Waiting uses events without spinning and without allocation.
/// </remarks>
internal sealed class ProbeReader : IDisposable
{
    // How long Dispose waits for a reader that was never stopped (a sampler torn down without Stop).
    private static readonly TimeSpan DisposePatience = TimeSpan.FromSeconds(1);

    private readonly IntegratedProbe probe;
    private readonly Thread thread;
    private readonly ManualResetEventSlim requested = new(false, spinCount: 0);
    private readonly ManualResetEventSlim answered = new(false, spinCount: 0);
    private volatile bool stopping;
    private bool outstanding; // sampler thread only
    private bool startRequested;
    private TimeSpan requestElapsed;
    private ProbeRead answer;
    private Exception? startFailure;
    private TimeSpan cpuTime;

    /// <summary>Creates and starts the reader thread for <paramref name="probe"/>.</summary>
    public ProbeReader(IntegratedProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        this.probe = probe;
        thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "EnergyFacts probe reader " + probe.Probe.Descriptor.Id,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
    }

    /// <summary>True while an answer is awaited (a read is running past its deadline).</summary>
    public bool Stalled => outstanding && !answered.IsSet;

    /// <summary>True once <see cref="Dispose"/> gave up waiting for a stalled read: the thread is left to finish alone.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Whether the reader thread is still running.</summary>
    public bool IsAlive => thread.IsAlive;

    /// <summary>CPU time the reader thread used; known once it has been joined.</summary>
    public TimeSpan CpuTime => cpuTime;

    /// <summary>Asks for <see cref="Probes.IPowerProbe.Start"/> on the reader thread.</summary>
    public void BeginStart()
    {
        startRequested = true;
        Request(TimeSpan.Zero);
    }

    /// <summary>Waits for the start until <paramref name="deadlineTimestamp"/>; rethrows what the probe's start threw.</summary>
    /// <returns><see langword="false"/> when the start is still running (the probe is stalled).</returns>
    public bool TryEndStart(long deadlineTimestamp)
    {
        if (!Await(deadlineTimestamp))
        {
            return false;
        }

        outstanding = false;
        return startFailure is null ? true : throw new InvalidOperationException(
            $"Probe '{probe.Probe.Descriptor.Id}' failed to start: {startFailure.Message}", startFailure);
    }

    /// <summary>Asks for a read at <paramref name="elapsed"/>.</summary>
    /// <returns><see langword="false"/> when the previous read is still running; nothing was asked.</returns>
    public bool BeginRead(TimeSpan elapsed)
    {
        if (outstanding)
        {
            if (!answered.IsSet)
            {
                return false;
            }

            outstanding = false; // a late answer: too old to use
        }

        Request(elapsed);
        return true;
    }

    /// <summary>Waits for the read asked by <see cref="BeginRead"/> until <paramref name="deadlineTimestamp"/> (<see cref="Stopwatch"/> ticks).</summary>
    /// <returns><see langword="false"/> when the deadline passed first; the read stays outstanding.</returns>
    public bool TryEndRead(long deadlineTimestamp, out ProbeRead read)
    {
        if (!Await(deadlineTimestamp))
        {
            read = default;
            return false;
        }

        outstanding = false;
        read = answer;
        return true;
    }

    /// <summary>Stops the thread, waiting at most <paramref name="patience"/> for a read in progress.</summary>
    /// <returns><see langword="false"/> when the thread was abandoned inside a stalled read.</returns>
    public bool Stop(TimeSpan patience)
    {
        stopping = true;
        requested.Set();
        if (thread.Join(patience))
        {
            return true;
        }

        Abandoned = true;
        return false;
    }

    /// <summary>Stops the thread unless it was abandoned already, and releases the events once it has ended.</summary>
    public void Dispose()
    {
        // An abandoned thread still uses both events when its read returns; they hold no OS handle and are left to the GC.
        if (!Abandoned && (!thread.IsAlive || Stop(DisposePatience)))
        {
            requested.Dispose();
            answered.Dispose();
        }
    }

    private void Request(TimeSpan elapsed)
    {
        requestElapsed = elapsed;
        answered.Reset();
        outstanding = true;
        requested.Set();
    }

    private bool Await(long deadlineTimestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadlineTimestamp);
        return answered.Wait(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private void Run()
    {
        var cpuAtStart = ThreadCpuClock.CurrentThread();
        try
        {
            while (true)
            {
                requested.Wait();
                requested.Reset();
                if (stopping)
                {
                    break;
                }

                if (startRequested)
                {
                    startRequested = false;
                    try
                    {
                        probe.Probe.Start();
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        startFailure = ex;
                    }
                }
                else
                {
                    answer = probe.Read(requestElapsed);
                }

                answered.Set();
            }
        }
        finally
        {
            var cpuAtEnd = ThreadCpuClock.CurrentThread();
            cpuTime = cpuAtStart is { } a && cpuAtEnd is { } b ? b - a : TimeSpan.Zero;
        }
    }
}

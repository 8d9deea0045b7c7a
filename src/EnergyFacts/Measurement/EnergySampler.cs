using System.Diagnostics;
using System.Globalization;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Measurement;

/// <summary>
/// Samples a set of probes on a dedicated thread between <see cref="Start"/> and <see cref="Stop"/>, integrating power
/// sensors by the trapezoid rule and differencing energy counters, on the monotonic clock. The integration itself is the
/// probes' <c>EnergyIntegrator</c>, shared with the idle baseline and replay traces; this class owns the thread.
/// </summary>
/// <remarks>
/// <para>The experiment never waits on the sampler except for the opening and closing reads (and explicit
/// <see cref="Mark"/> calls). The tick touches only preallocated arrays: no allocation, no locks shared with the
/// experiment. A probe that fails a read loses that sample only; the fault is counted by kind, the component's energy
/// is labelled partial and a warning says how much of the window went uncovered.</para>
/// <para>Each probe is read on its own thread with a deadline (<see cref="ReadDeadlineFor"/>): a probe that hangs loses
/// its readings as stalled, never the other probes' or the experiment's time, and a thread still stuck in a probe
/// when the window closes is abandoned (and named in a warning) rather than waited for. Every other thread the
/// sampler started has ended when <see cref="Stop"/> or <see cref="Dispose"/> returns.</para>
/// </remarks>
internal sealed class EnergySampler : IDisposable
{
    private static readonly TimeSpan ShortestReadDeadline = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestReadDeadline = TimeSpan.FromSeconds(1);

    private readonly IPowerProbe[] probes;
    private readonly TimeSpan interval;

    // Written only by the sampler thread until it has been joined.
    private readonly SamplingWindow window;

    // No spinning before blocking: the sampler sleeps for whole intervals, and spinning would be pure overhead.
    private readonly ManualResetEventSlim wake = new(false, spinCount: 0);
    private readonly ManualResetEventSlim opened = new(false);
    private readonly ManualResetEventSlim marked = new(false);
    private volatile bool stopRequested;

    /// <summary>Held by the sampler thread between opening the window and its first wait, when set (tests make the
    /// scheduling race of a stop arriving before that first wait happen on purpose).</summary>
    internal ManualResetEventSlim? HoldBeforeFirstWait { get; init; }
    private volatile bool markRequested;
    private Thread? thread;
    private Exception? samplerFailure;
    private long startTimestamp;
    private long stopTimestamp;
    private DateTimeOffset startedAt;
    private TimeSpan samplerCpuTime;
    private Joules[] markSnapshot = [];

    /// <summary>Creates a sampler over <paramref name="probes"/> (not owned: the caller disposes them).</summary>
    /// <param name="probes">The probes to read on every tick.</param>
    /// <param name="interval">Time between ticks; 1 ms to 1 hour.</param>
    public EnergySampler(IReadOnlyList<IPowerProbe> probes, TimeSpan interval)
        : this(probes, interval, ReadDeadlineFor(interval))
    {
    }

    /// <summary>Creates a sampler whose probe reads are abandoned after <paramref name="readDeadline"/>.</summary>
    /// <param name="probes">The probes to read on every tick (not owned).</param>
    /// <param name="interval">Time between ticks; 1 ms to 1 hour.</param>
    /// <param name="readDeadline">How long a tick waits for one probe's read before dropping it as stalled.</param>
    public EnergySampler(IReadOnlyList<IPowerProbe> probes, TimeSpan interval, TimeSpan readDeadline)
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (interval < TimeSpan.FromMilliseconds(1) || interval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(interval), interval, "The sampling interval must be between 1 ms and 1 hour.");
        }

        this.probes = [.. probes];
        this.interval = interval;
        ReadDeadline = readDeadline;
        window = new SamplingWindow(this.probes, readDeadline);
    }

    /// <summary>How long a tick waits for one probe's read before dropping it as stalled.</summary>
    public TimeSpan ReadDeadline { get; }

    /// <summary>
    /// The read deadline for a sampling interval: the interval itself, but at least 50 ms (a healthy read on a busy
    /// 2-vCPU machine can take a few milliseconds) and at most 1 s (the longest the closing read may hold up an experiment).
    /// </summary>
    public static TimeSpan ReadDeadlineFor(TimeSpan interval) =>
        interval < ShortestReadDeadline ? ShortestReadDeadline : interval > LongestReadDeadline ? LongestReadDeadline : interval;

    /// <summary>Whether the sampler is running.</summary>
    public bool IsRunning => thread is not null && !stopRequested;

    /// <summary>Starts the sampler thread and returns once the opening reading has been taken.</summary>
    public void Start()
    {
        if (thread is not null)
        {
            throw new InvalidOperationException("The sampler has already been started; create one sampler per measured window.");
        }

        thread = new Thread(Run) { IsBackground = true, Name = "EnergyFacts sampler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        opened.Wait();
        if (samplerFailure is not null)
        {
            thread.Join();
            throw new InvalidOperationException("The energy sampler failed to start: " + samplerFailure.Message, samplerFailure);
        }
    }

    /// <summary>
    /// Takes an extra reading now (on the sampler thread) and returns each component's energy since the start:
    /// the building block for measuring a phase inside an experiment.
    /// </summary>
    public IReadOnlyDictionary<PowerComponent, Joules> Mark()
    {
        if (!IsRunning)
        {
            throw new InvalidOperationException("Mark() needs a running sampler.");
        }

        marked.Reset();
        markRequested = true;
        wake.Set();
        marked.Wait();
        var result = new Dictionary<PowerComponent, Joules>();
        for (var i = 0; i < probes.Length; i++)
        {
            var component = probes[i].Descriptor.Component;
            result[component] = result.GetValueOrDefault(component) + markSnapshot[i];
        }

        return result;
    }

    /// <summary>Takes the closing reading, stops the thread and returns what was measured.</summary>
    public EnergyMeasurement Stop()
    {
        if (thread is null)
        {
            throw new InvalidOperationException("The sampler was never started.");
        }

        stopRequested = true;
        wake.Set();
        thread.Join();
        var duration = Stopwatch.GetElapsedTime(startTimestamp, stopTimestamp);
        var components = window.Components(duration);

        var warnings = new List<string>();
        if (samplerFailure is not null)
        {
            warnings.Add("The sampler thread failed and stopped early: " + samplerFailure.Message);
        }

        foreach (var component in components.Where(c => c.Partial))
        {
            warnings.Add(PartialWarning(component, duration));
        }

        foreach (var abandoned in window.AbandonedProbes)
        {
            warnings.Add($"Probe {abandoned} was still stuck in a read when the window closed; its reader thread was abandoned (it ends when the read returns).");
        }

        foreach (var probe in probes)
        {
            if (probe.Descriptor.MinimumUpdatePeriod is { } period && duration < period)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The window ({duration.TotalMilliseconds:F1} ms) is shorter than {probe.Descriptor.Id}'s update period (~{period.TotalMilliseconds:F0} ms): its reading may be zero or stale. Lengthen the experiment or use Trials."));
            }
        }

        return new EnergyMeasurement
        {
            StartedAt = startedAt,
            Duration = duration,
            Components = components,
            SampleCount = window.SampleCount,
            Interval = interval,
            SamplerCpuTime = samplerCpuTime + window.ReaderCpuTime,
            Warnings = warnings,
            Trace = window.Trace(components),
        };
    }

    /// <summary>
    /// Whether any thread this sampler started is still running: the sampler thread or a probe reader (one abandoned
    /// inside a stalled read counts only when <paramref name="includeAbandoned"/>).
    /// </summary>
    public bool HasLiveThreads(bool includeAbandoned) =>
        thread is { IsAlive: true } || window.LiveReaders(includeAbandoned) > 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (thread is { IsAlive: true })
        {
            stopRequested = true;
            wake.Set();
            thread.Join();
        }

        window.Dispose();
        wake.Dispose();
        opened.Dispose();
        marked.Dispose();
    }

    private static string PartialWarning(ComponentEnergy component, TimeSpan duration)
    {
        var kinds = string.Join(", ", component.FaultsByKind
            .OrderBy(k => k.Key)
            .Select(k => $"{k.Value} {FaultName(k.Key)}"));
        var share = duration > TimeSpan.Zero ? component.UncoveredTime / duration : 0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{component.Component.ToString().ToLowerInvariant()} energy is partial: {component.Faults} readings dropped ({kinds}); {component.UncoveredTime.TotalSeconds:0.###} s of {duration.TotalSeconds:0.###} s ({share:P0}) not covered by a valid reading, so up to that share of its energy is interpolated or missing.");
    }

    private static string FaultName(ProbeFault fault) => fault switch
    {
        ProbeFault.ReadFailed => "failed",
        ProbeFault.Threw => "threw",
        ProbeFault.NotFinite => "not finite",
        ProbeFault.Negative => "negative",
        ProbeFault.Implausible => "implausible",
        ProbeFault.CounterBackwards => "counter backwards",
        ProbeFault.Stalled => "stalled",
        _ => fault.ToString(),
    };

    private void Run()
    {
        var cpuAtStart = ThreadCpuClock.CurrentThread();
        try
        {
            markSnapshot = new Joules[probes.Length];
            window.StartProbes();
            startedAt = DateTimeOffset.UtcNow;
            startTimestamp = Stopwatch.GetTimestamp();
            window.Open(startTimestamp);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            samplerFailure = ex;
            stopTimestamp = startTimestamp = Stopwatch.GetTimestamp();
            window.StopReaders();
            opened.Set();
            return;
        }

        opened.Set();
        HoldBeforeFirstWait?.Wait();
        try
        {
            // Loops until a stop is seen after a tick's wait; a stop requested before the first wait (a loaded machine can
            // keep this thread from running for the whole window) still takes the closing reading and sets the end.
            while (true)
            {
                if (!stopRequested)
                {
                    wake.Wait(interval);
                    wake.Reset();
                }

                var now = Stopwatch.GetTimestamp();
                if (stopRequested)
                {
                    stopTimestamp = now;
                    window.Tick(now);
                    break;
                }

                window.Tick(now);
                if (markRequested)
                {
                    window.CopyEnergies(markSnapshot);

                    markRequested = false;
                    marked.Set();
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Keep what was integrated so far; the measurement says the sampler failed.
            samplerFailure = ex;
            stopTimestamp = Stopwatch.GetTimestamp();
        }
        finally
        {
            window.StopReaders();
            var cpuAtEnd = ThreadCpuClock.CurrentThread();
            samplerCpuTime = cpuAtStart is { } a && cpuAtEnd is { } b ? b - a : TimeSpan.Zero;
            marked.Set();
        }
    }
}

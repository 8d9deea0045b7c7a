using System.Diagnostics;
using System.Globalization;
using EnergyFacts.Probes;

namespace EnergyFacts.Measurement;

/// <summary>
/// Samples a set of probes on a dedicated thread between <see cref="Start"/> and <see cref="Stop"/>, integrating power
/// sensors by the trapezoid rule and differencing energy counters, on the monotonic clock. The integration itself is the
/// probes' <c>EnergyIntegrator</c>, shared with the idle baseline and replay traces; this class owns the thread.
/// </summary>
/// <remarks>
/// The experiment never waits on the sampler except for the opening and closing reads (and explicit
/// <see cref="Mark"/> calls). The tick touches only preallocated arrays: no allocation, no locks shared with the
/// experiment. A probe that fails a read loses that sample only; the fault is counted and the component's energy is
/// labelled partial.
/// </remarks>
internal sealed class EnergySampler : IDisposable
{
    private readonly IPowerProbe[] probes;
    private readonly TimeSpan interval;

    // Written only by the sampler thread until it has been joined.
    private readonly SamplingWindow window;

    // No spinning before blocking: the sampler sleeps for whole intervals, and spinning would be pure overhead.
    private readonly ManualResetEventSlim wake = new(false, spinCount: 0);
    private readonly ManualResetEventSlim opened = new(false);
    private readonly ManualResetEventSlim marked = new(false);
    private volatile bool stopRequested;
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
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (interval < TimeSpan.FromMilliseconds(1) || interval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(interval), interval, "The sampling interval must be between 1 ms and 1 hour.");
        }

        this.probes = [.. probes];
        this.interval = interval;
        window = new SamplingWindow(this.probes);
    }

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
            SamplerCpuTime = samplerCpuTime,
            Warnings = warnings,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (thread is { IsAlive: true })
        {
            stopRequested = true;
            wake.Set();
            thread.Join();
        }

        wake.Dispose();
        opened.Dispose();
        marked.Dispose();
    }

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
            opened.Set();
            return;
        }

        opened.Set();
        try
        {
            while (!stopRequested)
            {
                wake.Wait(interval);
                wake.Reset();
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
            var cpuAtEnd = ThreadCpuClock.CurrentThread();
            samplerCpuTime = cpuAtStart is { } a && cpuAtEnd is { } b ? b - a : TimeSpan.Zero;
            marked.Set();
        }
    }
}

namespace EnergyFacts.Probes.FaultInjection;

/// <summary>
/// The part of a fault-injecting probe that does not depend on its kind: counts reads, looks the fault up, stalls,
/// vanishes, and tallies what it injected so a test can compare the sampler's record with the truth.
/// </summary>
internal sealed class FaultInjector : IDisposable
{
    /// <summary>The value an <see cref="InjectedFault.Absurd"/> read returns (watts, or joules added to a counter).</summary>
    public const double AbsurdValue = 1e12;

    private readonly FaultSchedule schedule;
    private readonly ManualResetEventSlim disposed = new(false);
    private readonly int[] injected = new int[Enum.GetValues<InjectedFault>().Length];
    private long reads;
    private volatile bool vanished;

    /// <summary>Creates an injector following <paramref name="schedule"/>.</summary>
    public FaultInjector(FaultSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = schedule;
    }

    /// <summary>Reads so far.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>How many faults of <paramref name="kind"/> were injected so far (a vanished probe counts its <see cref="InjectedFault.Vanish"/> once).</summary>
    public int Injected(InjectedFault kind) => Volatile.Read(ref injected[(int)kind]);

    /// <summary>Reads after the probe vanished (each threw).</summary>
    public int ReadsAfterVanishing { get; private set; }

    /// <summary>
    /// Starts one read: throws for <see cref="InjectedFault.Throw"/> and a vanished probe, blocks for a stall, and
    /// otherwise returns the fault (if any) that the caller applies to the true reading.
    /// </summary>
    public InjectedFault? BeginRead(string probeId)
    {
        var readNumber = Interlocked.Increment(ref reads) - 1;
        if (vanished)
        {
            ReadsAfterVanishing++;
            throw new ObjectDisposedException(probeId, $"Injected fault: probe '{probeId}' vanished.");
        }

        var fault = schedule.At(readNumber);
        if (fault is not { } due)
        {
            return null;
        }

        Interlocked.Increment(ref injected[(int)due]);
        switch (due)
        {
            case InjectedFault.Throw:
                throw new IOException($"Injected fault: read {readNumber} of '{probeId}' failed.");
            case InjectedFault.Vanish:
                vanished = true;
                throw new ObjectDisposedException(probeId, $"Injected fault: probe '{probeId}' vanished at read {readNumber}.");
            case InjectedFault.Stall:
                // Released early when the probe is disposed, so an infinite stall never outlives its test.
                disposed.Wait(schedule.Stall);
                return null;
            default:
                return due;
        }
    }

    /// <summary>Ends any stall in progress.</summary>
    public void Dispose() => disposed.Set();
}

namespace EnergyFacts.Probes.FaultInjection;

/// <summary>
/// Which reads of a wrapped probe misbehave, and how: either listed read by read, or drawn from a seed, so a test that
/// injects faults sees the same faults on every run. Reads are numbered from 0 in the order the probe is read.
/// </summary>
internal sealed class FaultSchedule
{
    private readonly Dictionary<long, InjectedFault> faultsByRead;

    private FaultSchedule(Dictionary<long, InjectedFault> faultsByRead, TimeSpan stall)
    {
        this.faultsByRead = faultsByRead;
        Stall = stall;
    }

    /// <summary>How long an <see cref="InjectedFault.Stall"/> blocks; <see cref="Timeout.InfiniteTimeSpan"/> blocks until the probe is disposed.</summary>
    public TimeSpan Stall { get; }

    /// <summary>Every scheduled fault by read number, in read order.</summary>
    public IEnumerable<KeyValuePair<long, InjectedFault>> Faults => faultsByRead.OrderBy(f => f.Key);

    /// <summary>The fault due at read <paramref name="readNumber"/>, if any.</summary>
    public InjectedFault? At(long readNumber) => faultsByRead.TryGetValue(readNumber, out var fault) ? fault : null;

    /// <summary>Faults at chosen reads, e.g. <c>Listed(stall, (3, InjectedFault.Throw), (7, InjectedFault.Vanish))</c>.</summary>
    public static FaultSchedule Listed(TimeSpan stall, params (long ReadNumber, InjectedFault Fault)[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        CheckStall(stall);
        var byRead = new Dictionary<long, InjectedFault>();
        foreach (var (readNumber, fault) in faults)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(readNumber);
            if (!byRead.TryAdd(readNumber, fault))
            {
                throw new ArgumentException($"Read {readNumber} is scheduled twice.", nameof(faults));
            }
        }

        return new FaultSchedule(byRead, stall);
    }

    /// <summary>
    /// Each of the first <paramref name="reads"/> reads misbehaves with probability <paramref name="probability"/>, its
    /// kind drawn uniformly from <paramref name="kinds"/>, all from <paramref name="seed"/>. The first read (the
    /// opening one) is always left alone, and no read is scheduled after a <see cref="InjectedFault.Vanish"/>.
    /// </summary>
    public static FaultSchedule Seeded(int seed, long reads, double probability, TimeSpan stall, params InjectedFault[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfNegative(reads);
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is between 0 and 1.");
        }

        if (kinds.Length == 0)
        {
            throw new ArgumentException("At least one fault kind is needed.", nameof(kinds));
        }

        CheckStall(stall);
        var random = new Random(seed);
        var byRead = new Dictionary<long, InjectedFault>();
        for (long read = 1; read < reads; read++)
        {
            if (random.NextDouble() >= probability)
            {
                continue;
            }

            var fault = kinds[random.Next(kinds.Length)];
            byRead[read] = fault;
            if (fault == InjectedFault.Vanish)
            {
                break;
            }
        }

        return new FaultSchedule(byRead, stall);
    }

    private static void CheckStall(TimeSpan stall)
    {
        if (stall < TimeSpan.Zero && stall != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(stall), stall, "A stall lasts 0 or more, or Timeout.InfiniteTimeSpan.");
        }
    }
}

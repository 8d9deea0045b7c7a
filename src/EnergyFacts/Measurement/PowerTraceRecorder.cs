using EnergyFacts.Probes;

namespace EnergyFacts.Measurement;

/// <summary>
/// Keeps a bounded record of a window's cumulative energy per component, one point per sampler tick, for the
/// per-trial power trace. Points are cumulative, so dropping a point merges its two neighbouring intervals without
/// changing any energy: when the buffer fills, every other point is dropped and from then on only every other tick is
/// kept (twice the stride), while the latest tick always stands as the last point, so the trace ends at the closing read.
/// </summary>
/// <remarks>Hot path (<see cref="Record"/>): no allocation, no locks; one recorder belongs to the sampler thread until it is joined.</remarks>
internal sealed class PowerTraceRecorder
{
    /// <summary>Points kept at most before the buffer is thinned.</summary>
    public const int DefaultCapacity = 2048;

    private static readonly int ComponentCount = Enum.GetValues<PowerComponent>().Length;

    private readonly double[] seconds;
    private readonly double[] joules; // point-major: [point * ComponentCount + component]
    private int committed;
    private bool pending;
    private long ticks;
    private long stride = 1;

    /// <summary>Creates an empty recorder holding at most <paramref name="capacity"/> points (even, at least 4).</summary>
    public PowerTraceRecorder(int capacity = DefaultCapacity)
    {
        if (capacity < 4 || capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The trace's capacity must be an even number of at least 4 points.");
        }

        seconds = new double[capacity];
        joules = new double[capacity * ComponentCount];
    }

    /// <summary>Points held now (the latest tick included).</summary>
    public int Count => committed + (pending ? 1 : 0);

    /// <summary>Records one tick: seconds since the window opened and each component's energy since then, in <see cref="PowerComponent"/> order.</summary>
    public void Record(double secondsSinceStart, ReadOnlySpan<double> cumulativeJoules)
    {
        var slot = committed;
        seconds[slot] = secondsSinceStart;
        cumulativeJoules[..ComponentCount].CopyTo(joules.AsSpan(slot * ComponentCount, ComponentCount));
        ticks++;
        if ((ticks - 1) % stride != 0)
        {
            pending = true;
            return;
        }

        pending = false;
        committed++;
        if (committed == seconds.Length)
        {
            Thin();
        }
    }

    /// <summary>The points recorded so far (a copy).</summary>
    /// <param name="sources">Each component's source, in <see cref="PowerComponent"/> order; <see langword="null"/> where no probe covered it.</param>
    public SampledPowerTrace ToTrace(IReadOnlyList<EnergySource?> sources)
    {
        var count = Count;
        return new SampledPowerTrace(seconds.AsSpan(0, count).ToArray(), joules.AsSpan(0, count * ComponentCount).ToArray(), sources);
    }

    // Keep points 0, 2, 4 … (the newest committed one too, so no time is lost at the end): half the points, twice the stride.
    private void Thin()
    {
        var kept = 0;
        for (var i = 0; i < committed; i += 2)
        {
            Move(i, kept++);
        }

        if ((committed - 1) % 2 != 0)
        {
            Move(committed - 1, kept++);
        }

        committed = kept;
        stride *= 2;
    }

    private void Move(int from, int to)
    {
        if (from == to)
        {
            return;
        }

        seconds[to] = seconds[from];
        joules.AsSpan(from * ComponentCount, ComponentCount).CopyTo(joules.AsSpan(to * ComponentCount, ComponentCount));
    }
}

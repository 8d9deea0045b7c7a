using EnergyFacts.Probes;

namespace EnergyFacts.Measurement;

/// <summary>
/// A measured window's power over time, as the sampler saw it: at each kept tick, the seconds since the window opened
/// and every component's energy since then (hardware level, no PUE). Between two points the mean power is the energy
/// difference over the time difference, so any merge of neighbouring intervals keeps the total energy exact.
/// </summary>
internal sealed class SampledPowerTrace
{
    private static readonly int ComponentCount = Enum.GetValues<PowerComponent>().Length;

    private readonly double[] seconds;
    private readonly double[] joules;

    /// <summary>Creates the trace from its points.</summary>
    /// <param name="seconds">Seconds since the window opened, one per point, never decreasing.</param>
    /// <param name="joules">Cumulative energy per point and component, point-major in <see cref="PowerComponent"/> order.</param>
    /// <param name="sources">Each component's source; <see langword="null"/> where no probe covered it.</param>
    public SampledPowerTrace(double[] seconds, double[] joules, IReadOnlyList<EnergySource?> sources)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(joules);
        ArgumentNullException.ThrowIfNull(sources);
        if (joules.Length != seconds.Length * ComponentCount || sources.Count != ComponentCount)
        {
            throw new ArgumentException("A trace needs one energy per point and component, and one source per component.", nameof(joules));
        }

        this.seconds = seconds;
        this.joules = joules;
        Sources = sources;
    }

    /// <summary>Points in the trace.</summary>
    public int PointCount => seconds.Length;

    /// <summary>Each component's source, in <see cref="PowerComponent"/> order.</summary>
    public IReadOnlyList<EnergySource?> Sources { get; }

    /// <summary>Energy per component at the last point: the window's energy.</summary>
    public Joules EnergyOf(PowerComponent component) =>
        seconds.Length == 0 ? Joules.Zero : new Joules(joules[((seconds.Length - 1) * ComponentCount) + (int)component]);

    /// <summary>
    /// The trace as at most <paramref name="maxIntervals"/> intervals of mean power, neighbours merged: points of no
    /// duration are folded into the next, then every k-th point is kept (the first and last always), so the energy
    /// of every component over the whole trace is unchanged.
    /// </summary>
    public IReadOnlyList<PowerInterval> Intervals(int maxIntervals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIntervals, 1);
        // Boundaries with time moving forward. Dropping an inner point is exact (its energy moves into the next
        // interval); a last point at the time of the boundary before it replaces that boundary instead, so the trace
        // still ends at the window's energy.
        var boundaries = new List<int>(seconds.Length);
        for (var i = 0; i < seconds.Length; i++)
        {
            if (boundaries.Count == 0 || seconds[i] > seconds[boundaries[^1]])
            {
                boundaries.Add(i);
            }
            else if (i == seconds.Length - 1 && boundaries.Count > 1)
            {
                boundaries[^1] = i;
            }
        }

        if (boundaries.Count < 2)
        {
            return [];
        }

        var step = (int)Math.Ceiling((boundaries.Count - 1) / (double)maxIntervals);
        var kept = new List<int>();
        for (var b = 0; b < boundaries.Count - 1; b += step)
        {
            kept.Add(boundaries[b]);
        }

        kept.Add(boundaries[^1]);
        var intervals = new List<PowerInterval>(kept.Count - 1);
        for (var k = 1; k < kept.Count; k++)
        {
            var (from, to) = (kept[k - 1], kept[k]);
            var watts = new double[ComponentCount];
            var energy = new double[ComponentCount];
            var duration = seconds[to] - seconds[from];
            for (var c = 0; c < ComponentCount; c++)
            {
                energy[c] = joules[(to * ComponentCount) + c] - joules[(from * ComponentCount) + c];
                watts[c] = duration > 0 ? energy[c] / duration : 0;
            }

            intervals.Add(new PowerInterval(seconds[from], seconds[to], watts, energy));
        }

        return intervals;
    }
}

/// <summary>One interval of a power trace.</summary>
/// <param name="StartSeconds">Seconds since the window opened, at the interval's start.</param>
/// <param name="EndSeconds">Seconds since the window opened, at its end.</param>
/// <param name="Watts">Mean power per component over the interval, in <see cref="PowerComponent"/> order (no PUE).</param>
/// <param name="Joules">Energy per component over the interval, in the same order.</param>
internal sealed record PowerInterval(double StartSeconds, double EndSeconds, IReadOnlyList<double> Watts, IReadOnlyList<double> Joules);

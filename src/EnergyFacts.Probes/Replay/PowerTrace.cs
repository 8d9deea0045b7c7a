using System.Globalization;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Probes.Replay;

/// <summary>
/// A recorded power trace (<c>time_s,cpu_w,gpu_w,ram_w</c>): piecewise linear between rows, held at the first row before it
/// and at the last row after it. Its integral is exact, so tests that replay it know the energy to the joule.
/// </summary>
internal sealed class PowerTrace
{
    /// <summary>The header a trace file must start with.</summary>
    public const string Header = "time_s,cpu_w,gpu_w,ram_w";

    private readonly double[] times;
    private readonly double[][] watts; // [component][row]
    private readonly double[][] joulesAtRow; // [component][row]: exact energy from 0 to times[row], so a read is a binary search

    private PowerTrace(string path, double[] times, double[][] watts)
    {
        Path = path;
        this.times = times;
        this.watts = watts;
        joulesAtRow = new double[watts.Length][];
        for (var c = 0; c < watts.Length; c++)
        {
            // The sampler's own rule, so a sampler ticking exactly at the rows would read these same joules; the first
            // row's power is held back to time 0.
            var integrator = new EnergyIntegrator(ReadingKind.Power);
            var cumulative = joulesAtRow[c] = new double[times.Length];
            for (var i = 0; i < times.Length; i++)
            {
                integrator.Add(times[i], watts[c][i]);
                cumulative[i] = integrator.Energy.Value;
            }
        }
    }

    /// <summary>The file the trace was read from.</summary>
    public string Path { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => times.Length;

    /// <summary>Reads and validates a trace file.</summary>
    /// <exception cref="ProbeConfigurationException">Missing file, wrong header, or a bad row (the message names file and line).</exception>
    public static PowerTrace Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProbeConfigurationException(
                $"Replay file '{path}' does not exist. Allowed: a CSV file with header '{Header}'.");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException ex)
        {
            throw new ProbeConfigurationException($"Replay file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ProbeConfigurationException($"Replay file '{path}' cannot be read: {ex.Message}", ex);
        }

        return Parse(path, lines);
    }

    /// <summary>Parses trace lines; <paramref name="path"/> is used in messages only.</summary>
    public static PowerTrace Parse(string path, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0 || !string.Equals(lines[0].Trim().TrimStart('\uFEFF'), Header, StringComparison.Ordinal))
        {
            var found = lines.Count == 0 ? "an empty file" : $"'{lines[0]}'";
            throw new ProbeConfigurationException($"{path}:1: expected header '{Header}', found {found}.");
        }

        var times = new List<double>();
        var columns = new[] { new List<double>(), new List<double>(), new List<double>() };
        for (var i = 1; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 4)
            {
                throw new ProbeConfigurationException(
                    $"{path}:{lineNumber}: expected 4 values ({Header}), found {cells.Length} in '{line}'.");
            }

            var values = new double[4];
            for (var c = 0; c < 4; c++)
            {
                if (!double.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c])
                    || !double.IsFinite(values[c]) || values[c] < 0)
                {
                    var column = Header.Split(',')[c];
                    throw new ProbeConfigurationException(
                        $"{path}:{lineNumber}: {column} = '{cells[c].Trim()}' is not allowed; expected a finite number ≥ 0 (invariant culture, '.' decimal separator).");
                }
            }

            if (times.Count > 0 && values[0] <= times[^1])
            {
                throw new ProbeConfigurationException(
                    $"{path}:{lineNumber}: time_s = {cells[0].Trim()} does not increase (previous row has {times[^1].ToString(CultureInfo.InvariantCulture)}); rows must be in strictly increasing time.");
            }

            times.Add(values[0]);
            for (var c = 0; c < 3; c++)
            {
                columns[c].Add(values[c + 1]);
            }
        }

        if (times.Count == 0)
        {
            throw new ProbeConfigurationException($"{path}: has a header but no rows; at least one row is required.");
        }

        return new PowerTrace(path, [.. times], [.. columns.Select(c => c.ToArray())]);
    }

    /// <summary>Power of <paramref name="component"/> at <paramref name="seconds"/> since the start.</summary>
    public Watts PowerAt(PowerComponent component, double seconds)
    {
        var w = watts[(int)component];
        if (seconds <= times[0])
        {
            return new Watts(w[0]);
        }

        if (seconds >= times[^1])
        {
            return new Watts(w[^1]);
        }

        var i = Array.BinarySearch(times, seconds);
        if (i >= 0)
        {
            return new Watts(w[i]);
        }

        var upper = ~i;
        var lower = upper - 1;
        var fraction = (seconds - times[lower]) / (times[upper] - times[lower]);
        return new Watts(w[lower] + (fraction * (w[upper] - w[lower])));
    }

    /// <summary>Exact energy of <paramref name="component"/> from time 0 to <paramref name="seconds"/>.</summary>
    public Joules EnergyUntil(PowerComponent component, double seconds)
    {
        if (seconds <= 0)
        {
            return Joules.Zero;
        }

        var w = watts[(int)component];
        var cumulative = joulesAtRow[(int)component];
        if (seconds <= times[0])
        {
            return new Joules(EnergyIntegrator.HeldJoules(w[0], seconds));
        }

        if (seconds >= times[^1])
        {
            return new Joules(cumulative[^1] + EnergyIntegrator.HeldJoules(w[^1], seconds - times[^1]));
        }

        var i = Array.BinarySearch(times, seconds);
        if (i >= 0)
        {
            return new Joules(cumulative[i]);
        }

        var lower = ~i - 1;
        var end = PowerAt(component, seconds).Value;
        return new Joules(cumulative[lower] + EnergyIntegrator.TrapezoidJoules(w[lower], end, seconds - times[lower]));
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Results;

/// <summary>
/// The per-trial power trace file, <c>traces/&lt;run_id&gt;/&lt;case-slug&gt;-&lt;hash8&gt;-t&lt;trial&gt;.csv</c> in the results folder:
/// one line per interval (at most <see cref="MaxIntervals"/>, neighbours merged so the energy stays exact) with its
/// start and end in seconds since the window opened, the mean power per component (hardware level, no PUE, as
/// <c>cpu_power</c>) and the components' sources. The row's <c>power_trace</c> column holds the relative path.
/// </summary>
internal static class PowerTraceFile
{
    /// <summary>The folder inside a results folder that holds the traces.</summary>
    public const string FolderName = "traces";

    /// <summary>Intervals a trace file holds at most.</summary>
    public const int MaxIntervals = 1000;

    /// <summary>The file's header.</summary>
    public const string Header = "start_seconds,end_seconds,cpu_watts,gpu_watts,ram_watts,source";

    private const int SlugLength = 48;

    /// <summary>The trace's path relative to the results folder, with forward slashes.</summary>
    public static string RelativePath(ExperimentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(outcome.ExperimentId)))[..8];
        return string.Create(CultureInfo.InvariantCulture, $"{FolderName}/{outcome.RunId:D}/{Slug(outcome.ExperimentName)}-{hash}-t{outcome.Trial}.csv");
    }

    /// <summary>Writes the row's trace into <paramref name="resultsDirectory"/> (through a temporary file and a rename).</summary>
    /// <returns>The path relative to the results folder.</returns>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static string Write(string resultsDirectory, ResultRow row)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        ArgumentNullException.ThrowIfNull(row);
        var trace = row.Measurement.Trace ?? throw new InvalidOperationException("The row's measurement has no power trace.");
        var relative = RelativePath(row.Outcome);
        var path = Path.Combine(resultsDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = Format(trace, ResultColumns.DescribeSources(row.Measurement));
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return relative;
    }

    /// <summary>The trace as the file's text.</summary>
    public static string Format(SampledPowerTrace trace, string source)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(source);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var interval in trace.Intervals(MaxIntervals))
        {
            text.Append(CultureInfo.InvariantCulture, $"{interval.StartSeconds:R},{interval.EndSeconds:R}");
            foreach (var watts in interval.Watts)
            {
                text.Append(',').Append(watts.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(',').Append(source).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a trace file back.</summary>
    /// <exception cref="ResultsFileFormatException">The file is not a trace; the message names file and line.</exception>
    public static IReadOnlyList<TracePoint> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new ResultsFileFormatException($"'{path}' line 1 is not a power trace header; expected '{Header}'.", path, 1);
        }

        var points = new List<TracePoint>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',');
            var numbers = new double[5];
            var valid = fields.Length == 6;
            for (var f = 0; valid && f < 5; f++)
            {
                valid = double.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[f]) && double.IsFinite(numbers[f]) && numbers[f] >= 0;
            }

            if (!valid || numbers[1] < numbers[0])
            {
                throw new ResultsFileFormatException(
                    $"'{path}' line {i + 1} is not an interval of the trace: expected start and end seconds (end ≥ start), three wattages ≥ 0 and the source, got '{lines[i]}'.",
                    path,
                    i + 1);
            }

            points.Add(new TracePoint(numbers[0], numbers[1], [numbers[2], numbers[3], numbers[4]], fields[5]));
        }

        return points;
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder(SlugLength);
        foreach (var c in name.ToLowerInvariant())
        {
            if (slug.Length == SlugLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "case" : text;
    }
}

/// <summary>One interval of a power trace file as read back.</summary>
/// <param name="StartSeconds">Start, seconds since the window opened.</param>
/// <param name="EndSeconds">End, seconds since the window opened.</param>
/// <param name="Watts">Mean power per component (cpu, gpu, ram), no PUE.</param>
/// <param name="Source">The components' sources, as <c>energy_source</c> writes them.</param>
internal sealed record TracePoint(double StartSeconds, double EndSeconds, IReadOnlyList<double> Watts, string Source)
{
    /// <summary>Mean power of all components together.</summary>
    public double TotalWatts => Watts.Sum();

    /// <summary>The interval's energy, all components (no PUE).</summary>
    public Joules Energy => new(TotalWatts * (EndSeconds - StartSeconds));
}

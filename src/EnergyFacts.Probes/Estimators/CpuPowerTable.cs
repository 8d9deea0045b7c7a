using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EnergyFacts.Probes.Estimators;

/// <summary>How a CPU model string was found in the TDP table.</summary>
internal enum TdpMatchKind
{
    /// <summary>The normalised model string equals a normalised table name.</summary>
    Exact,

    /// <summary>The longest table name whose words appear, in order and contiguously, among the model's words.</summary>
    Contained,
}

/// <summary>A TDP found in the table.</summary>
/// <param name="TableName">The row's name as written in the table.</param>
/// <param name="Tdp">Thermal design power of one package.</param>
/// <param name="Kind">How the row was matched.</param>
internal sealed record TdpMatch(string TableName, Watts Tdp, TdpMatchKind Kind);

/// <summary>
/// CodeCarbon's <c>cpu_power.csv</c> (MIT, 4,903 <c>Name,TDP</c> rows), embedded, with a deterministic lookup.
/// </summary>
/// <remarks>
/// CodeCarbon fuzzy-matches; we match deterministically so the same model string always gives the same TDP:
/// both sides are normalised (<see cref="Normalize"/>), then (1) exact match, then (2) the longest table name whose words
/// occur as a contiguous run of the model's words (so "11th Gen Intel Core i7-1185G7" finds "Intel Core i7-1185G7", while a
/// short table name such as "460" never matches inside a word like "i7-4600U"). Ties of equal length go to the
/// ordinally smaller name.
/// </remarks>
internal sealed partial class CpuPowerTable
{
    /// <summary>Name of the embedded resource.</summary>
    public const string ResourceName = "EnergyFacts.Probes.Estimators.cpu_power.csv";

    private static readonly Lazy<CpuPowerTable> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, (string Name, Watts Tdp)> byNormalizedName;
    private readonly (string[] Words, string Name, Watts Tdp)[] byLength;

    private CpuPowerTable(IReadOnlyList<(string Name, Watts Tdp)> rows, IReadOnlyList<string> skippedRows)
    {
        SkippedRows = skippedRows;
        byNormalizedName = new Dictionary<string, (string, Watts)>(StringComparer.Ordinal);
        var entries = new List<(string[] Words, string Name, Watts Tdp)>();
        foreach (var row in rows)
        {
            var normalized = Normalize(row.Name);
            if (normalized.Length == 0)
            {
                continue;
            }

            // First row wins for duplicated normalised names, so the lookup does not depend on dictionary order.
            if (byNormalizedName.TryAdd(normalized, row))
            {
                entries.Add((normalized.Split(' '), row.Name, row.Tdp));
            }
        }

        byLength = [.. entries
            .OrderByDescending(e => e.Words.Sum(w => w.Length) + e.Words.Length)
            .ThenBy(e => e.Name, StringComparer.Ordinal)];
        Count = rows.Count;
    }

    /// <summary>The table shipped with EnergyFacts.</summary>
    public static CpuPowerTable Default => Embedded.Value;

    /// <summary>Number of usable rows.</summary>
    public int Count { get; }

    /// <summary>
    /// Rows left out because their TDP is not a positive number (CodeCarbon's file has five: four like
    /// <c>Intel Celeron 1000A,27.29.5</c> and a 0 W microcontroller), as <c>file:line: text</c>.
    /// </summary>
    public IReadOnlyList<string> SkippedRows { get; }

    /// <summary>Parses a <c>Name,TDP</c> CSV (names may be double-quoted and contain commas).</summary>
    /// <param name="csv">The file's text.</param>
    /// <param name="path">The file's name, for messages.</param>
    /// <param name="skipBadTdp">Leave rows whose TDP is not a positive number out (listed in <see cref="SkippedRows"/>) instead of failing.</param>
    /// <exception cref="FormatException">A malformed row; the message names <paramref name="path"/> and the line.</exception>
    public static CpuPowerTable Parse(string csv, string path, bool skipBadTdp = false)
    {
        var skipped = new List<string>();
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim().TrimStart('\uFEFF'), "Name,TDP", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}:1: expected header 'Name,TDP'.");
        }

        var rows = new List<(string, Watts)>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            string name;
            string tdpText;
            if (line.StartsWith('"'))
            {
                var close = line.IndexOf("\",", 1, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException($"{path}:{i + 1}: unterminated quoted name in '{line}'.");
                }

                name = line[1..close].Replace("\"\"", "\"", StringComparison.Ordinal);
                tdpText = line[(close + 2)..];
            }
            else
            {
                var comma = line.LastIndexOf(',');
                if (comma < 0)
                {
                    throw new FormatException($"{path}:{i + 1}: expected 'Name,TDP', found '{line}'.");
                }

                name = line[..comma];
                tdpText = line[(comma + 1)..];
            }

            if (!double.TryParse(tdpText, NumberStyles.Float, CultureInfo.InvariantCulture, out var tdp) || !(tdp > 0))
            {
                if (skipBadTdp)
                {
                    skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: {line}"));
                    continue;
                }

                throw new FormatException($"{path}:{i + 1}: TDP '{tdpText}' is not a positive number of watts.");
            }

            rows.Add((name, new Watts(tdp)));
        }

        return new CpuPowerTable(rows, skipped);
    }

    /// <summary>
    /// Normalises a CPU model string: drops "(R)", "(TM)", the words CPU/Processor, "@ 2.20GHz" clocks,
    /// "n-Core"/"n-Cores" counts, collapses whitespace and lower-cases.
    /// </summary>
    public static string Normalize(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var s = model.ToLowerInvariant();
        s = TrademarkPattern().Replace(s, " ");
        s = ClockPattern().Replace(s, " ");
        s = CoreCountPattern().Replace(s, " ");
        s = NoiseWordPattern().Replace(s, " ");
        var builder = new StringBuilder(s.Length);
        foreach (var word in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }

    /// <summary>Finds the TDP of <paramref name="model"/>, or <see langword="null"/> when no row matches.</summary>
    public TdpMatch? Lookup(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var normalized = Normalize(model);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (byNormalizedName.TryGetValue(normalized, out var exact))
        {
            return new TdpMatch(exact.Name, exact.Tdp, TdpMatchKind.Exact);
        }

        var words = normalized.Split(' ');
        foreach (var entry in byLength)
        {
            if (ContainsRun(words, entry.Words))
            {
                return new TdpMatch(entry.Name, entry.Tdp, TdpMatchKind.Contained);
            }
        }

        return null;
    }

    private static bool ContainsRun(string[] haystack, string[] needle)
    {
        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            var all = true;
            for (var k = 0; k < needle.Length && all; k++)
            {
                all = string.Equals(haystack[start + k], needle[k], StringComparison.Ordinal);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static CpuPowerTable LoadEmbedded()
    {
        using var stream = typeof(CpuPowerTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), "cpu_power.csv", skipBadTdp: true);
    }

    [GeneratedRegex(@"\((r|tm|c)\)|®|™", RegexOptions.CultureInvariant)]
    private static partial Regex TrademarkPattern();

    [GeneratedRegex(@"@\s*[0-9.]+\s*[gm]hz", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\b[0-9]+-cores?\b", RegexOptions.CultureInvariant)]
    private static partial Regex CoreCountPattern();

    [GeneratedRegex(@"\b(cpu|processor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoiseWordPattern();
}

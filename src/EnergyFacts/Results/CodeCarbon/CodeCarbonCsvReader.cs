using System.Globalization;
using System.Text;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Results.CodeCarbon;

/// <summary>
/// Reads CodeCarbon <c>emissions.csv</c> files of any release from 0.0.9 to 3.3.0 into typed <see cref="ImportedRow"/>s.
/// Columns are matched by name, never by position, so reordered headers (3.1.1–3.2.3 move empty columns to the end),
/// missing columns (older releases) and users' own columns (experiment_name, model, dataset, epochs, batch_size,
/// train_loss, eval_top1 …) all read. Short rows of 3.2.9/3.3.0 offline mode are rebuilt
/// (<see cref="RaggedRowAlignment"/>); <c>emissions_rate</c> of 2.0.0–2.1.4 is converted from g/s to kg/s; accuracy
/// columns given in percent are normalised to fractions. A row that cannot be read is reported with its file and line
/// and skipped; the rest are read.
/// </summary>
internal static class CodeCarbonCsvReader
{
    private static readonly string[] Top1Names = ["eval_top1", "top1", "top1_accuracy", "accuracy", "acc", "eval_accuracy", "val_accuracy", "test_accuracy", "validation accuracy (%)"];
    private static readonly string[] Top5Names = ["eval_top5", "top5", "top5_accuracy"];
    private static readonly string[] LearningRateNames = ["lr", "learning_rate"];
    private static readonly string[] BatchNames = ["batch_size", "batch"];

    /// <summary>Reads one file. Never throws for the file's content: what it cannot read is in <see cref="CodeCarbonFile.Problems"/>.</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static CodeCarbonFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(CsvText.ReadShared(path), path);
    }

    /// <summary>Reads CSV text (for files read elsewhere); <paramref name="path"/> names it in messages.</summary>
    public static CodeCarbonFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<ImportProblem>();
        var records = SplitRecords(text, path, problems);
        if (records.Count == 0)
        {
            return Failed(path, problems, "the file is empty; expected a CodeCarbon header line (timestamp,project_name,…,energy_consumed,…).");
        }

        var (_, rawHeader) = records[0];
        var header = rawHeader.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            if (!columns.TryAdd(header[i], i))
            {
                return Failed(path, problems, $"line 1: column '{header[i]}' appears twice in the header, so its values cannot be told apart.");
            }
        }

        if (!columns.ContainsKey("energy_consumed") && !columns.ContainsKey("cpu_energy"))
        {
            return Failed(
                path,
                problems,
                $"line 1: not a CodeCarbon emissions.csv: it has no energy_consumed (or cpu_energy) column. Its columns are: {string.Join(", ", header.Take(12))}{(header.Count > 12 ? ", …" : string.Empty)}.");
        }

        var set = CodeCarbonColumnSet.Match(header);
        var aligned = new List<(int Line, string[] Fields, string? Note)>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == header.Count)
            {
                aligned.Add((line, [.. fields], null));
                continue;
            }

            IReadOnlyList<string> leftOut = [];
            var rebuilt = fields.Count < header.Count ? RaggedRowAlignment.Align(header, fields, out leftOut) : null;
            if (rebuilt is null)
            {
                problems.Add(new ImportProblem(path, line, string.Create(
                    CultureInfo.InvariantCulture,
                    $"the row has {fields.Count} fields but the header has {header.Count}, and no way of leaving out empty columns (as CodeCarbon 3.2.9/3.3.0 offline mode does) fits the fields to their columns; row skipped.")));
                continue;
            }

            aligned.Add((line, rebuilt, string.Create(
                CultureInfo.InvariantCulture,
                $"line {line} had {fields.Count} fields under a {header.Count}-column header (CodeCarbon 3.2.9/3.3.0 offline append drops empty fields); rebuilt with {string.Join(", ", leftOut)} empty")));
        }

        var notes = new List<string>();
        var top1 = Scale(FindColumn(columns, Top1Names), aligned, header, notes);
        var top5 = Scale(FindColumn(columns, Top5Names), aligned, header, notes);
        var context = new FileContext(path, header, columns, set, top1, top5);
        var rows = new List<ImportedRow>(aligned.Count);
        foreach (var (line, fields, note) in aligned)
        {
            try
            {
                rows.Add(ReadRow(context, line, fields, note));
            }
            catch (FormatException e)
            {
                problems.Add(new ImportProblem(path, line, e.Message + " Row skipped."));
            }
        }

        if (rows.Count > 0 && rows[0].CodeCarbonVersion.StartsWith("energyfacts-", StringComparison.Ordinal))
        {
            return Failed(
                path,
                problems,
                $"written by EnergyFacts ({rows[0].CodeCarbonVersion}), not by CodeCarbon: it already is an EnergyFacts results file. Copy its folder instead of importing it.");
        }

        if (set is null)
        {
            notes.Add("its header matches no CodeCarbon release from 0.0.9 to 3.3.0; columns were read by name anyway");
        }

        return new CodeCarbonFile(path, set, rows, problems, notes);
    }

    private static CodeCarbonFile Failed(string path, List<ImportProblem> problems, string message)
    {
        problems.Insert(0, new ImportProblem(path, null, message));
        return new CodeCarbonFile(path, null, [], problems, []);
    }

    /// <summary>Records with the line they start on; a record whose quoting is broken is reported and skipped, and reading resumes on the next line.</summary>
    private static List<(int Line, List<string> Fields)> SplitRecords(string text, string path, List<ImportProblem> problems)
    {
        var records = new List<(int, List<string>)>();
        var lines = text.Split('\n');
        var chunk = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            chunk.Clear().Append(lines[i].TrimEnd('\r'));
            // A quoted field may hold line breaks: take lines until the quotes balance (at most 50).
            while (chunk.ToString().Count(c => c == '"') % 2 == 1 && i + 1 < lines.Length && i - start < 50)
            {
                chunk.Append('\n').Append(lines[++i].TrimEnd('\r'));
            }

            if (string.IsNullOrWhiteSpace(chunk.ToString()))
            {
                continue;
            }

            try
            {
                foreach (var (_, fields) in CsvText.Parse(chunk.ToString(), path))
                {
                    records.Add((start + 1, fields));
                }
            }
            catch (ResultsFileFormatException e)
            {
                if (records.Count == 0)
                {
                    problems.Add(new ImportProblem(path, start + 1, $"the header line cannot be read: {e.Message}"));
                    return [];
                }

                problems.Add(new ImportProblem(path, start + 1, $"the row's quoting is malformed ({e.Message}); row skipped."));
                i = start;
            }
        }

        return records;
    }

    private static int? FindColumn(Dictionary<string, int> columns, string[] names)
    {
        foreach (var name in names)
        {
            if (columns.TryGetValue(name, out var index))
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>The divisor that makes an accuracy column a fraction: 100 when it is in percent (named so, or any value above 1), else 1.</summary>
    private static (int? Index, double Divisor) Scale(int? index, List<(int Line, string[] Fields, string? Note)> rows, List<string> header, List<string> notes)
    {
        if (index is not { } column)
        {
            return (null, 1);
        }

        var values = rows.Select(r => ParseNumber(r.Fields[column])).OfType<double>().Where(double.IsFinite).ToList();
        var named = header[column].Contains('%', StringComparison.Ordinal) || header[column].Contains("percent", StringComparison.OrdinalIgnoreCase);
        if (values.Count == 0 || (!named && values.Max() <= 1))
        {
            return (column, 1);
        }

        if (!named && values.Max() > 100)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"column '{header[column]}' holds values above 100 (max {values.Max()}), neither fractions nor percentages; it was not imported as accuracy"));
            return (null, 1);
        }

        notes.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"column '{header[column]}' is accuracy in percent (max {values.Max()}{(named ? ", named so" : string.Empty)}); divided by 100 to a fraction"));
        return (column, 100);
    }

    private static ImportedRow ReadRow(FileContext file, int line, string[] fields, string? rebuiltNote)
    {
        var notes = new List<string>();
        if (rebuiltNote is not null)
        {
            notes.Add(rebuiltNote);
        }

        string? Text(string name) => file.Columns.TryGetValue(name, out var i) && fields[i].Length > 0 ? fields[i].Trim() : null;
        double? Number(string name) => file.Columns.TryGetValue(name, out var i) ? NumberAt(i) : null;
        double? NumberAt(int i)
        {
            var value = fields[i].Trim();
            if (value.Length == 0)
            {
                return null;
            }

            return ParseNumber(value) ?? throw new FormatException($"line {line}: {file.Header[i]} is '{value}', not a number.");
        }

        double? Energy(string name)
        {
            var value = Number(name);
            return value is { } v && !(v >= 0 && double.IsFinite(v))
                ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: {name} is {v} kWh; energies must be finite and ≥ 0."))
                : value;
        }

        var cpu = Energy("cpu_energy");
        var gpu = Energy("gpu_energy");
        var ram = Energy("ram_energy");
        var total = Energy("energy_consumed")
            ?? (cpu ?? 0) + (gpu ?? 0) + (ram ?? 0);
        if (!file.Columns.ContainsKey("energy_consumed"))
        {
            notes.Add("no energy_consumed column; taken as cpu_energy + gpu_energy + ram_energy");
        }
        else if (Text("energy_consumed") is null)
        {
            throw new FormatException($"line {line}: energy_consumed is empty; the row has no energy to import.");
        }

        var duration = Number("duration");
        if (duration is { } d && !(d >= 0 && double.IsFinite(d)))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: duration is {d} s; it must be finite and ≥ 0."));
        }

        var version = Text("codecarbon_version") ?? file.Set?.Versions ?? "unknown";
        var rate = Number("emissions_rate");
        if (rate is { } r && RateInGramsPerSecond(version, file.Set))
        {
            rate = r / 1000;
            notes.Add("emissions_rate was g CO2eq/s (CodeCarbon 2.0.0–2.1.4); converted to kg CO2eq/s");
        }

        var timestampText = Text("timestamp");
        DateTimeOffset? timestamp = null;
        var withoutZone = false;
        if (timestampText is not null)
        {
            if (!DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new FormatException($"line {line}: timestamp is '{timestampText}', not a date and time (CodeCarbon writes e.g. 2024-05-01T12:00:05).");
            }

            timestamp = parsed;
            withoutZone = !HasZone(timestampText);
        }

        double? Fraction((int? Index, double Divisor) scale)
        {
            if (scale.Index is not { } i || NumberAt(i) is not { } value)
            {
                return null;
            }

            // Through decimal, so 88.1 % is 0.881 and not 0.8809999999999999.
            var fraction = scale.Divisor == 1 ? value
                : Math.Abs(value) < 1e12 ? (double)((decimal)value / (decimal)scale.Divisor) : value / scale.Divisor;
            return fraction is >= 0 and <= 1
                ? fraction
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: {file.Header[i]} is {value}, not an accuracy from 0 to 1 (or 0 to 100 %)."));
        }

        int? WholeNumber(params string[] names)
        {
            var column = FindColumn(file.Columns, names);
            if (column is not { } i || NumberAt(i) is not { } value)
            {
                return null;
            }

            return value >= 0 && value <= int.MaxValue && value == Math.Floor(value)
                ? (int)value
                : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {line}: {file.Header[i]} is {value}, not a whole number ≥ 0."));
        }

        double? Utilization(string name) => Number(name);
        var cpuUse = Utilization("cpu_utilization_percent");
        var gpuUse = Utilization("gpu_utilization_percent");
        var ramUse = Utilization("ram_utilization_percent");
        var ramUsed = Utilization("ram_used_gb");
        var samples = WholeNumber("samples");

        return new ImportedRow
        {
            SourcePath = file.Path,
            Line = line,
            CodeCarbonVersion = version,
            Timestamp = timestamp,
            TimestampWithoutZone = withoutZone,
            ProjectName = Text("project_name"),
            RunId = Text("run_id"),
            ExperimentId = Text("experiment_id"),
            DurationSeconds = duration,
            EmissionsKilograms = Number("emissions"),
            EmissionsRateKilogramsPerSecond = rate,
            CpuPowerWatts = Number("cpu_power"),
            GpuPowerWatts = Number("gpu_power"),
            RamPowerWatts = Number("ram_power"),
            CpuEnergyKilowattHours = cpu,
            GpuEnergyKilowattHours = gpu,
            RamEnergyKilowattHours = ram,
            EnergyConsumedKilowattHours = total,
            WaterConsumedLitres = Number("water_consumed"),
            CountryName = Text("country_name"),
            CountryIsoCode = Text("country_iso_code"),
            Region = Text("region"),
            CloudProvider = Text("cloud_provider"),
            CloudRegion = Text("cloud_region"),
            OnCloud = Text("on_cloud"),
            Os = Text("os"),
            PythonVersion = Text("python_version"),
            CpuCount = Number("cpu_count"),
            CpuModel = Text("cpu_model"),
            GpuCount = Number("gpu_count"),
            GpuModel = Text("gpu_model"),
            Longitude = Number("longitude"),
            Latitude = Number("latitude"),
            RamTotalSizeGigabytes = Number("ram_total_size"),
            TrackingMode = Text("tracking_mode"),
            Utilization = cpuUse is null && gpuUse is null && ramUse is null && ramUsed is null ? null : new ResourceUtilization(cpuUse, gpuUse, ramUse, ramUsed),
            Pue = Number("pue"),
            Wue = Number("wue"),
            Experiment = new ImportedExperiment
            {
                Name = Text("experiment_name"),
                Model = Text("model"),
                Dataset = Text("dataset"),
                Device = Text("device"),
                Epochs = WholeNumber("epochs"),
                BatchSize = WholeNumber(BatchNames),
                Samples = samples,
                TrainLoss = Number("train_loss"),
                EvalLoss = Number("eval_loss"),
                EvalTop1 = Fraction(file.Top1),
                EvalTop5 = Fraction(file.Top5),
                LearningRate = FindColumn(file.Columns, LearningRateNames) is { } lr ? NumberAt(lr) : null,
            },
            OtherNumbers = file.OtherColumns
                .Select(i => (Name: file.Header[i], Value: ParseNumber(fields[i].Trim())))
                .Where(p => p.Value is { } v && double.IsFinite(v))
                .Select(p => new KeyValuePair<string, double>(p.Name, p.Value!.Value))
                .ToList(),
            Notes = notes,
        };
    }

    private static bool RateInGramsPerSecond(string version, CodeCarbonColumnSet? set)
    {
        if (Version.TryParse(version.Split('-', '+', 'r', 'a', 'b')[0], out var parsed))
        {
            return parsed.Major == 2 && parsed.Minor < 2;
        }

        return set?.EmissionsRateInGramsPerSecond ?? false;
    }

    private static bool HasZone(string timestamp)
    {
        var time = timestamp.IndexOf('T', StringComparison.Ordinal) is var t and >= 0 ? timestamp[t..] : timestamp.Length > 10 ? timestamp[10..] : string.Empty;
        return time.EndsWith('Z') || time.Contains('+', StringComparison.Ordinal) || time.LastIndexOf('-') > 0;
    }

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>What every row of one file shares: its header, where each column is, and how its accuracy columns scale.</summary>
    private sealed class FileContext(
        string path,
        List<string> header,
        Dictionary<string, int> columns,
        CodeCarbonColumnSet? set,
        (int? Index, double Divisor) top1,
        (int? Index, double Divisor) top5)
    {
        private static readonly HashSet<string> Recognised = new(
            [.. CodeCarbonColumnSet.KnownColumns, "experiment_name", "model", "dataset", "device", "epochs", "samples", "train_loss", "eval_loss",
             .. Top1Names, .. Top5Names, .. LearningRateNames, .. BatchNames],
            StringComparer.OrdinalIgnoreCase);

        public string Path { get; } = path;

        public List<string> Header { get; } = header;

        public Dictionary<string, int> Columns { get; } = columns;

        public CodeCarbonColumnSet? Set { get; } = set;

        public (int? Index, double Divisor) Top1 { get; } = top1;

        public (int? Index, double Divisor) Top5 { get; } = top5;

        public IReadOnlyList<int> OtherColumns { get; } = [.. Enumerable.Range(0, header.Count).Where(i => !Recognised.Contains(header[i]))];
    }
}

using System.Globalization;
using System.Text.Json;
using Names = EnergyFacts.Gates.BaselineJsonNames;

namespace EnergyFacts.Gates;

/// <summary>
/// Reads the JSON of <see cref="BaselineJsonWriter"/> strictly: every problem throws <see cref="BaselineFormatException"/>
/// at the token where it is (1-based line and byte in the line) with what is allowed there. The format is read first,
/// on its own, so a newer file says so even when the rest of its shape is unknown here.
/// </summary>
internal ref struct BaselineJsonReader
{
    private const string TopLevelAllowed = "format, cases";
    private const string CaseAllowed = "method, model, batch, epochs, dataset, device, seed, machine, probes, figures";
    private const string MachineAllowed = "cpuModel, gpuModel, logicalCpus, os";
    private const string FigureAllowed = "unit, source, better, trials";

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    private readonly ReadOnlySpan<byte> utf8;
    private readonly string file;
    private Utf8JsonReader json;

    private BaselineJsonReader(ReadOnlySpan<byte> utf8, string file)
    {
        this.utf8 = utf8;
        this.file = file;
        json = new Utf8JsonReader(utf8, Options);
    }

    /// <summary>Parses a whole baseline file.</summary>
    /// <param name="utf8">The file's bytes (a UTF-8 byte order mark is skipped).</param>
    /// <param name="file">The file's name or path, for messages.</param>
    /// <exception cref="BaselineFormatException">The file is not a baseline this version reads.</exception>
    public static Baseline Parse(ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new BaselineFormatException(file, 1, 1, $"the file is empty; a baseline file is {{ \"format\": {Baseline.CurrentFormat}, \"cases\": [...] }} (delete it to start afresh)");
        }

        var formatReader = new BaselineJsonReader(utf8, file);
        formatReader.CheckFormat();
        var reader = new BaselineJsonReader(utf8, file);
        return reader.ReadDocument();
    }

    private void CheckFormat()
    {
        Next("a JSON object");
        Expect(JsonTokenType.StartObject, "a JSON object ({ \"format\": 1, \"cases\": [...] })");
        var objectStart = json.TokenStartIndex;
        while (Next("a property or '}'") == JsonTokenType.PropertyName)
        {
            if (!json.ValueTextEquals(Names.Format))
            {
                Next("a value");
                SkipValue();
                continue;
            }

            Next("the format number");
            if (json.TokenType != JsonTokenType.Number || !json.TryGetInt32(out var format) || format < 1)
            {
                throw Fail($"\"format\" must be a whole number ≥ 1 (this version writes {Baseline.CurrentFormat})");
            }

            if (format > Baseline.CurrentFormat)
            {
                throw Fail(
                    string.Create(CultureInfo.InvariantCulture, $"format {format} is newer than this version of EnergyFacts reads (format {Baseline.CurrentFormat} and older); update EnergyFacts, or rewrite the baseline with --energy-update-baseline"),
                    newerFormat: true);
            }

            return;
        }

        throw Fail($"no \"format\" property; a baseline file is {{ \"format\": {Baseline.CurrentFormat}, \"cases\": [...] }}", objectStart);
    }

    private Baseline ReadDocument()
    {
        Next("a JSON object");
        var cases = new List<CaseMeasurement>();
        var positions = new Dictionary<ExperimentKey, long>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(TopLevelAllowed, seen) is { } name)
        {
            switch (name)
            {
                case Names.Format:
                    Next("the format number");
                    break;
                case Names.Cases:
                    Next("an array of cases");
                    Expect(JsonTokenType.StartArray, "an array of cases");
                    while (Next("a case object or ']'") != JsonTokenType.EndArray)
                    {
                        var start = json.TokenStartIndex;
                        var measurement = ReadCase();
                        if (!positions.TryAdd(measurement.Key, start))
                        {
                            throw Fail($"a second case for {measurement.Key} (the first is at line {LineOf(positions[measurement.Key])}); each case appears once", start);
                        }

                        cases.Add(measurement);
                    }

                    break;
            }
        }

        if (!seen.Contains(Names.Cases))
        {
            throw Fail("no \"cases\" array; a baseline file is { \"format\": 1, \"cases\": [...] }", json.TokenStartIndex);
        }

        try
        {
            if (json.Read())
            {
                throw Fail("more after the end of the baseline object");
            }
        }
        catch (JsonException ex)
        {
            throw new BaselineFormatException(file, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, "more after the end of the baseline object", ex);
        }

        return new Baseline(cases);
    }

    private CaseMeasurement ReadCase()
    {
        Expect(JsonTokenType.StartObject, "a case object { \"method\": ..., \"model\": ..., ... }");
        var start = json.TokenStartIndex;
        string? method = null, model = null, dataset = null, device = null, probes = null;
        int? batch = null, epochs = null, seed = null;
        MachineDescription? machine = null;
        List<FigureTrials>? figures = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(CaseAllowed, seen) is { } name)
        {
            switch (name)
            {
                case Names.Method: method = ReadString(name); break;
                case Names.Model: model = ReadString(name); break;
                case Names.Batch: batch = ReadInt32(name, 1); break;
                case Names.Epochs: epochs = ReadInt32(name, 1); break;
                case Names.Dataset: dataset = ReadOptionalString(name); break;
                case Names.Device: device = ReadOptionalString(name); break;
                case Names.Seed: seed = ReadInt32(name, int.MinValue); break;
                case Names.Machine: machine = ReadMachine(); break;
                case Names.Probes: probes = ReadString(name); break;
                case Names.Figures: figures = ReadFigures(); break;
            }
        }

        var missing = new (string Name, bool IsMissing)[]
        {
            (Names.Method, method is null), (Names.Model, model is null), (Names.Batch, batch is null), (Names.Epochs, epochs is null),
            (Names.Machine, machine is null), (Names.Probes, probes is null), (Names.Figures, figures is null),
        };
        if (missing.Where(m => m.IsMissing).Select(m => m.Name).ToList() is { Count: > 0 } absent)
        {
            throw Fail($"the case lacks {string.Join(", ", absent.Select(a => $"\"{a}\""))}; a case has {CaseAllowed} (dataset, device and seed optional)", start);
        }

        var key = new ExperimentKey(method!, model!, batch!.Value, epochs!.Value, dataset, device, seed);
        try
        {
            return new CaseMeasurement(key, machine!, probes!, figures!);
        }
        catch (ArgumentException ex)
        {
            throw Fail(ex.Message, start);
        }
    }

    private MachineDescription ReadMachine()
    {
        Next("a machine object");
        Expect(JsonTokenType.StartObject, "a machine object { \"cpuModel\": ..., \"logicalCpus\": ..., \"os\": ... }");
        var start = json.TokenStartIndex;
        string? cpu = null, gpu = null, os = null;
        int? logicalCpus = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(MachineAllowed, seen) is { } name)
        {
            switch (name)
            {
                case Names.CpuModel: cpu = ReadString(name); break;
                case Names.GpuModel: gpu = ReadOptionalString(name); break;
                case Names.LogicalCpus: logicalCpus = ReadInt32(name, 1); break;
                case Names.OperatingSystem: os = ReadString(name); break;
            }
        }

        return cpu is null || logicalCpus is null || os is null
            ? throw Fail($"the machine lacks {(cpu is null ? "\"cpuModel\"" : logicalCpus is null ? "\"logicalCpus\"" : "\"os\"")}; a machine has {MachineAllowed} (gpuModel optional)", start)
            : new MachineDescription(cpu, gpu, logicalCpus.Value, os);
    }

    private List<FigureTrials> ReadFigures()
    {
        Next("a figures object");
        Expect(JsonTokenType.StartObject, "a figures object { \"energy\": { ... } }");
        var figures = new List<FigureTrials>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (Next("a figure name or '}'") == JsonTokenType.PropertyName)
        {
            var name = json.GetString()!;
            if (!GatedFigure.TryParse(name, out var figure))
            {
                throw Fail($"unknown figure '{name}'; a figure is {GatedFigure.Allowed}");
            }

            if (!seen.Add(name))
            {
                throw Fail($"a second \"{name}\" figure; each figure appears once per case");
            }

            figures.Add(ReadFigure(figure!));
        }

        return figures;
    }

    private FigureTrials ReadFigure(GatedFigure figure)
    {
        Next("a figure object");
        Expect(JsonTokenType.StartObject, "a figure object { \"unit\": ..., \"source\": ..., \"better\": ..., \"trials\": [...] }");
        var start = json.TokenStartIndex;
        string? unit = null;
        FigureSource? source = null;
        bool? higherIsBetter = null;
        List<double>? values = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (NextProperty(FigureAllowed, seen) is { } name)
        {
            switch (name)
            {
                case Names.Unit:
                    unit = ReadString(name);
                    break;
                case Names.Source:
                    source = FigureSourceNames.TryParse(ReadString(name), out var parsed) ? parsed : throw Fail($"\"source\" must be {FigureSourceNames.Allowed}");
                    break;
                case Names.Better:
                    higherIsBetter = ReadString(name) switch
                    {
                        Names.Higher => true,
                        Names.Lower => false,
                        _ => throw Fail("\"better\" must be \"lower\" (energy, duration) or \"higher\" (accuracy)"),
                    };
                    break;
                case Names.Trials:
                    values = ReadTrials();
                    break;
            }
        }

        if (unit is null || source is null || higherIsBetter is null || values is null)
        {
            throw Fail($"the figure '{figure}' lacks {(unit is null ? "\"unit\"" : source is null ? "\"source\"" : higherIsBetter is null ? "\"better\"" : "\"trials\"")}; a figure has {FigureAllowed}", start);
        }

        return new FigureTrials(figure, unit, source.Value, higherIsBetter.Value, values);
    }

    private List<double> ReadTrials()
    {
        Next("an array of trial values");
        Expect(JsonTokenType.StartArray, "an array of trial values [1.5, 1.6]");
        var values = new List<double>();
        while (Next("a number or ']'") != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.Number || !json.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Fail("a trial value must be a finite number");
            }

            values.Add(value);
        }

        return values.Count > 0 ? values : throw Fail("\"trials\" is empty; a figure holds one value per trial, at least one");
    }

    /// <summary>The next property name of the current object (checked against <paramref name="allowed"/>, once each), or <see langword="null"/> at its end.</summary>
    private string? NextProperty(string allowed, HashSet<string> seen)
    {
        if (Next("a property or '}'") == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = json.GetString()!;
        if (!allowed.Split(", ").Contains(name, StringComparer.Ordinal))
        {
            throw Fail($"unknown property \"{name}\"; allowed here: {allowed}");
        }

        return seen.Add(name) ? name : throw Fail($"a second \"{name}\" property; each appears once");
    }

    private string ReadString(string name) =>
        Next("a string") == JsonTokenType.String && json.GetString() is { Length: > 0 } text
            ? text
            : throw Fail($"\"{name}\" must be a non-empty string");

    private string? ReadOptionalString(string name) =>
        Next("a string or null") == JsonTokenType.Null ? null
            : json.TokenType == JsonTokenType.String && json.GetString() is { Length: > 0 } text ? text
            : throw Fail($"\"{name}\" must be a non-empty string or null");

    private int ReadInt32(string name, int minimum) =>
        Next("a number") == JsonTokenType.Number && json.TryGetInt32(out var value) && value >= minimum
            ? value
            : throw Fail(minimum == int.MinValue
                ? $"\"{name}\" must be a whole number"
                : string.Create(CultureInfo.InvariantCulture, $"\"{name}\" must be a whole number ≥ {minimum}"));

    private void SkipValue()
    {
        try
        {
            json.Skip();
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    private JsonTokenType Next(string expected)
    {
        // A truncated file would otherwise read as the reader's "expected depth to be zero".
        if (utf8[(int)json.BytesConsumed..].TrimStart(" \t\r\n"u8).IsEmpty)
        {
            throw Fail($"the file ends where {expected} was expected (truncated?)", utf8.Length);
        }

        try
        {
            return json.Read() ? json.TokenType : throw Fail($"the file ends where {expected} was expected", utf8.Length);
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    private readonly void Expect(JsonTokenType type, string expected)
    {
        if (json.TokenType != type)
        {
            throw Fail($"expected {expected}, found {Describe(json.TokenType)}");
        }
    }

    private readonly BaselineFormatException NotJson(JsonException ex)
    {
        // The reader's message ends with its own zero-based position; the exception's numbers are made one-based here.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var problem = "not valid JSON: " + (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return new BaselineFormatException(file, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, problem, ex);
    }

    private readonly BaselineFormatException Fail(string problem, bool newerFormat = false) => Fail(problem, json.TokenStartIndex, newerFormat);

    private readonly BaselineFormatException Fail(string problem, long byteIndex, bool newerFormat = false)
    {
        var before = utf8[..(int)Math.Min(byteIndex, utf8.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new BaselineFormatException(file, before.Count((byte)'\n') + 1, before.Length - lineStart + 1, problem) { IsNewerFormat = newerFormat };
    }

    private readonly long LineOf(long byteIndex) => utf8[..(int)byteIndex].Count((byte)'\n') + 1;

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}

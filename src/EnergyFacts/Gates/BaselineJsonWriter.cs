using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnergyFacts.Gates;

/// <summary>
/// Writes a <see cref="Baseline"/> as the <c>"format": 1</c> JSON of <see cref="BaselineFile"/>: two-space indent, <c>\n</c>
/// line ends, cases sorted by key, figures by name, one trial value per line in shortest round-trip form, so that a
/// refresh changes only the lines of the values that changed.
/// </summary>
internal static class BaselineJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // CPU and OS names keep their characters (®, ™) instead of \u escapes; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber(BaselineJsonNames.Format, Baseline.CurrentFormat);
            json.WriteStartArray(BaselineJsonNames.Cases);
            foreach (var measurement in baseline.Cases)
            {
                WriteCase(json, measurement);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteCase(Utf8JsonWriter json, CaseMeasurement measurement)
    {
        var key = measurement.Key;
        json.WriteStartObject();
        json.WriteString(BaselineJsonNames.Method, key.Method);
        json.WriteString(BaselineJsonNames.Model, key.Model);
        json.WriteNumber(BaselineJsonNames.Batch, key.Batch);
        json.WriteNumber(BaselineJsonNames.Epochs, key.Epochs);
        WriteIfSet(json, BaselineJsonNames.Dataset, key.Dataset);
        WriteIfSet(json, BaselineJsonNames.Device, key.Device);
        if (key.Seed is { } seed)
        {
            json.WriteNumber(BaselineJsonNames.Seed, seed);
        }

        json.WriteStartObject(BaselineJsonNames.Machine);
        json.WriteString(BaselineJsonNames.CpuModel, measurement.Machine.CpuModel);
        WriteIfSet(json, BaselineJsonNames.GpuModel, measurement.Machine.GpuModel);
        json.WriteNumber(BaselineJsonNames.LogicalCpus, measurement.Machine.LogicalCpus);
        json.WriteString(BaselineJsonNames.OperatingSystem, measurement.Machine.OperatingSystem);
        json.WriteEndObject();
        json.WriteString(BaselineJsonNames.Probes, measurement.Probes);

        json.WriteStartObject(BaselineJsonNames.Figures);
        foreach (var figure in measurement.Figures)
        {
            json.WriteStartObject(figure.Figure.ToString());
            json.WriteString(BaselineJsonNames.Unit, figure.Unit);
            json.WriteString(BaselineJsonNames.Source, figure.Source.Name());
            json.WriteString(BaselineJsonNames.Better, figure.HigherIsBetter ? BaselineJsonNames.Higher : BaselineJsonNames.Lower);
            json.WriteStartArray(BaselineJsonNames.Trials);
            foreach (var value in figure.Values)
            {
                // Utf8JsonWriter writes the shortest text that parses back to the same double.
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

/// <summary>The property names of the baseline file, shared by reader and writer.</summary>
internal static class BaselineJsonNames
{
    public const string Format = "format";
    public const string Cases = "cases";
    public const string Method = "method";
    public const string Model = "model";
    public const string Batch = "batch";
    public const string Epochs = "epochs";
    public const string Dataset = "dataset";
    public const string Device = "device";
    public const string Seed = "seed";
    public const string Machine = "machine";
    public const string CpuModel = "cpuModel";
    public const string GpuModel = "gpuModel";
    public const string LogicalCpus = "logicalCpus";
    public const string OperatingSystem = "os";
    public const string Probes = "probes";
    public const string Figures = "figures";
    public const string Unit = "unit";
    public const string Source = "source";
    public const string Better = "better";
    public const string Higher = "higher";
    public const string Lower = "lower";
    public const string Trials = "trials";
}

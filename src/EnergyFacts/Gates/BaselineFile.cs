namespace EnergyFacts.Gates;

/// <summary>
/// The baseline file of <c>--energy-baseline PATH</c>: UTF-8 JSON, <c>"format": 1</c>, sorted and one trial value per
/// line so a refresh shows as a small pull-request diff. Layout:
/// <code>
/// { "format": 1, "cases": [ { "method", "model", "batch", "epochs", "dataset"?, "device"?, "seed"?,
///     "machine": { "cpuModel", "gpuModel"?, "logicalCpus", "os" }, "probes",
///     "figures": { "energy": { "unit": "J", "source": "measured", "better": "lower", "trials": [ ... ] } } } ] }
/// </code>
/// </summary>
internal static class BaselineFile
{
    /// <summary>
    /// Reads the baseline at <paramref name="path"/>. No file there is <see cref="BaselineRead.Missing"/>, not an
    /// error: the first run of a gate has none.
    /// </summary>
    /// <exception cref="BaselineFormatException">The file is corrupt (file, line and byte named) or of a newer format.</exception>
    public static BaselineRead Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return BaselineRead.Missing(full);
        }

        return BaselineRead.Loaded(full, BaselineJsonReader.Parse(bytes, full));
    }

    /// <summary>Parses baseline JSON; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="BaselineFormatException">Not a baseline this version reads.</exception>
    public static Baseline Parse(ReadOnlySpan<byte> utf8, string file) => BaselineJsonReader.Parse(utf8, file);

    /// <summary>The file's text for <paramref name="baseline"/>.</summary>
    public static string ToJson(Baseline baseline) => System.Text.Encoding.UTF8.GetString(BaselineJsonWriter.ToUtf8(baseline));

    /// <summary>
    /// Writes <paramref name="baseline"/> to <paramref name="path"/> (folders created), through a temporary file in the
    /// same folder and a rename, so a reader or a killed run never sees half a baseline.
    /// </summary>
    public static void Write(string path, Baseline baseline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, BaselineJsonWriter.ToUtf8(baseline));
        File.Move(temporary, full, overwrite: true);
    }
}

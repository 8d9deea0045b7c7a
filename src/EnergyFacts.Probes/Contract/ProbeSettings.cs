namespace EnergyFacts.Probes;

/// <summary>
/// The settings probes may consult (powercap root, NVML library path, visible GPUs …), captured once per run so that
/// no probe reads the process environment on its own. Which names exist, and what each accepts, is
/// <see cref="IProbeProvider.Settings"/>; this type is only the bag of values.
/// </summary>
/// <remarks>
/// Values are taken as given. An empty or blank value means "unset" to every probe except for
/// <c>CUDA_VISIBLE_DEVICES</c>, where an empty value hides every GPU, as it does for CUDA.
/// </remarks>
public sealed class ProbeSettings
{
    private readonly Dictionary<string, string> values;

    /// <summary>Creates settings from explicit values.</summary>
    /// <param name="values">Setting name → value; names are the environment variable names.</param>
    /// <param name="baseDirectory">Absolute directory against which relative paths (replay files, library paths) are resolved.</param>
    /// <exception cref="ArgumentException"><paramref name="baseDirectory"/> is not an absolute path.</exception>
    public ProbeSettings(IEnumerable<KeyValuePair<string, string>> values, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        if (!Path.IsPathFullyQualified(baseDirectory))
        {
            throw new ArgumentException(
                $"The base directory for relative paths must be absolute, found '{baseDirectory}'.", nameof(baseDirectory));
        }

        this.values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        BaseDirectory = baseDirectory;
    }

    /// <summary>Directory against which relative paths are resolved.</summary>
    public string BaseDirectory { get; }

    /// <summary>Settings with no values, resolving paths against the current directory.</summary>
    public static ProbeSettings Empty { get; } = new([], Environment.CurrentDirectory);

    /// <summary>The value of a setting, or <see langword="null"/> when unset.</summary>
    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A copy with one setting replaced.</summary>
    public ProbeSettings With(string name, string value)
    {
        var copy = new Dictionary<string, string>(values, StringComparer.Ordinal) { [name] = value };
        return new ProbeSettings(copy, BaseDirectory);
    }

    /// <summary>Resolves a possibly relative path against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}

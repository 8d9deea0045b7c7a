namespace EnergyFacts.Probes;

/// <summary>
/// The settings probes may consult (powercap root, NVML library path, visible GPUs …), captured once per run so that
/// no probe reads the process environment on its own.
/// </summary>
public sealed class ProbeSettings
{
    /// <summary>Environment variables probes understand; <see cref="FromEnvironment"/> captures exactly these.</summary>
    public static IReadOnlyList<string> KnownVariables { get; } =
    [
        "ENERGYFACTS_POWERCAP_ROOT",
        "ENERGYFACTS_NVML_LIBRARY",
        "ENERGYFACTS_GPUS",
        "ENERGYFACTS_TDP_WATTS",
        "ENERGYFACTS_CPU_MODEL",
        "CUDA_VISIBLE_DEVICES",
    ];

    private readonly Dictionary<string, string> values;

    /// <summary>Creates settings from explicit values.</summary>
    /// <param name="values">Setting name → value; names are the environment variable names.</param>
    /// <param name="baseDirectory">Directory against which relative paths (replay files) are resolved.</param>
    public ProbeSettings(IEnumerable<KeyValuePair<string, string>> values, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        BaseDirectory = baseDirectory;
    }

    /// <summary>Directory against which relative paths are resolved.</summary>
    public string BaseDirectory { get; }

    /// <summary>Settings with no values, resolving paths against the current directory.</summary>
    public static ProbeSettings Empty { get; } = new([], Environment.CurrentDirectory);

    /// <summary>Captures <see cref="KnownVariables"/> from the process environment.</summary>
    public static ProbeSettings FromEnvironment(string baseDirectory)
    {
        var captured = new List<KeyValuePair<string, string>>();
        foreach (var name in KnownVariables)
        {
            var value = Environment.GetEnvironmentVariable(name);
            // An empty CUDA_VISIBLE_DEVICES means "no GPU" to CUDA, so it is kept; other empty values mean unset.
            if (value is not null && (value.Length > 0 || name == "CUDA_VISIBLE_DEVICES"))
            {
                captured.Add(new(name, value));
            }
        }

        return new ProbeSettings(captured, baseDirectory);
    }

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

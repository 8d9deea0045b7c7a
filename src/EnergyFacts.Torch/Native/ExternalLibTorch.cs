namespace EnergyFacts.Torch;

/// <summary>
/// A libtorch from an existing PyTorch install (<c>site-packages/torch/lib</c>), used for CUDA because no CUDA
/// libtorch package is available to restore. LibTorchSharp 0.107.0 is built against libtorch 2.10: its ~1,050
/// <c>at::</c>/<c>c10::</c>/<c>torch::</c> imports resolve only against the same minor version (2.10.x), and with lazy
/// binding a missing symbol aborts the process at first call, so any other version is refused up front.
/// </summary>
public sealed class ExternalLibTorch
{
    /// <summary>Environment variable naming the directory (e.g. <c>.venv/lib/python3.12/site-packages/torch/lib</c>).</summary>
    public const string DirectoryVariable = "ENERGYFACTS_LIBTORCH_DIR";

    /// <summary>The libtorch minor version LibTorchSharp 0.107.0 was built against.</summary>
    public const string RequiredMinorVersion = "2.10";

    private ExternalLibTorch(string directory, string? version, IReadOnlyList<string> preloadOrder)
    {
        Directory = directory;
        Version = version;
        PreloadOrder = preloadOrder;
    }

    /// <summary>The directory holding <c>libtorch.so</c>.</summary>
    public string Directory { get; }

    /// <summary>The PyTorch version from <c>../version.py</c>, or <see langword="null"/> when that file is absent.</summary>
    public string? Version { get; }

    /// <summary>Libraries to load, in order, before LibTorchSharp: <c>libtorch_cuda.so</c> when present, then <c>libtorch.so</c>.</summary>
    public IReadOnlyList<string> PreloadOrder { get; }

    /// <summary>Checks a directory and plans the preload.</summary>
    /// <param name="directory">The <c>torch/lib</c> directory.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="TorchUnavailableException">Directory or <c>libtorch.so</c> missing, or a version other than 2.10.x.</exception>
    public static ExternalLibTorch Inspect(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new TorchUnavailableException($"{DirectoryVariable}={directory}: directory does not exist. " +
                "Point it at the torch/lib directory of a PyTorch 2.10.x install (e.g. <venv>/lib/python3.12/site-packages/torch/lib), or unset it to use the bundled CPU libtorch.");
        }

        string libtorch = Path.Combine(full, "libtorch.so");
        if (!File.Exists(libtorch))
        {
            throw new TorchUnavailableException($"{DirectoryVariable}={directory}: no libtorch.so in that directory. " +
                "It must be PyTorch's torch/lib directory (holding libtorch.so, libtorch_cpu.so, libc10.so and, for CUDA, libtorch_cuda.so).");
        }

        string? version = ReadVersion(Path.Combine(full, "..", "version.py"));
        if (version is not null && !IsSupported(version))
        {
            throw new TorchUnavailableException($"{DirectoryVariable}={directory} holds PyTorch {version}, but TorchSharp 0.107.0's LibTorchSharp " +
                $"is built against libtorch {RequiredMinorVersion}.x and resolves its symbols only against that minor version (others abort at the first missing symbol). " +
                $"Install torch=={RequiredMinorVersion}.* in a separate environment and point {DirectoryVariable} at its torch/lib.");
        }

        var order = new List<string>();
        string cuda = Path.Combine(full, "libtorch_cuda.so");
        if (File.Exists(cuda))
        {
            order.Add(cuda);
        }

        order.Add(libtorch);
        return new ExternalLibTorch(full, version, order);
    }

    /// <summary>Whether a PyTorch version string (e.g. <c>2.10.1+cu128</c>) is in the supported minor series.</summary>
    /// <param name="version">Version as written in <c>torch/version.py</c>.</param>
    /// <returns><see langword="true"/> for 2.10.x.</returns>
    public static bool IsSupported(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.StartsWith(RequiredMinorVersion + ".", StringComparison.Ordinal)
            || string.Equals(version, RequiredMinorVersion, StringComparison.Ordinal);
    }

    private static string? ReadVersion(string versionFile)
    {
        if (!File.Exists(versionFile))
        {
            return null;
        }

        // torch/version.py is generated: a line such as `__version__ = '2.10.0+cu128'`.
        foreach (string line in File.ReadLines(versionFile))
        {
            string trimmed = line.Trim();
            if (!trimmed.StartsWith("__version__", StringComparison.Ordinal))
            {
                continue;
            }

            int equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            string value = trimmed[(equals + 1)..].Trim().Trim('\'', '"');
            return value.Length > 0 ? value : null;
        }

        return null;
    }
}
